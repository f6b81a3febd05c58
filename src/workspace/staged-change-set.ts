import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { errorDiagnostic, InternalError, UserError } from '../diagnostics.js';
import { journalPath, recoverInterruptedWrite, stagingDir, writeAllOrNothing, type PendingWrite } from './atomic-write.js';
import { lockPath, withProjectLock } from './project-lock.js';
import { refusingUnwritable } from './unwritable.js';
import { formatBetween, formatFile } from './format.js';
import { parseManifest, readManifestText, serializeManifest, sha256, type Manifest } from './manifest.js';
import { absolutePath, manifestPath, projectPath } from './paths.js';
import type { ConflictPolicy, RenderedFile } from './planned-file.js';
import { generatedCopies, pruneGenerated, readGenerated } from './generated-store.js';
import { findOrphans, orphanChange, orphanGenerator } from './orphans.js';
import { decide, reasons, type ChangeAction, type MergeMode } from './policy.js';
import { DiskTree, type ProjectTree } from './project-tree.js';
import { nodeWorkspaceFs, type WorkspaceFs } from './workspace-fs.js';

export type { ChangeAction, MergeMode } from './policy.js';

/** What staging one file will do, as shown by `--dry-run` and executed by `commit`. */
export interface FileChange {
  path: string;
  action: ChangeAction;
  reason?: string;
  generator: string;
  policy: ConflictPolicy;
  /** The text on disk when `plan()` read it; absent for files that do not exist yet. */
  before?: string;
  /** The text the file will hold: the generated output, or the user's edits merged into it. */
  after: string;
  /** The formatted output of the generator, recorded (by hash, and in full for owned files) as the next merge base. */
  generated: string;
  /** The sha256 of the generator's output before formatting. */
  rendered: string;
  /** For a merged file: the blocks infragen owns in it, recorded in the manifest. */
  blocks?: Readonly<Record<string, string>>;
  /** For a projector: the events whose handlers infragen wrote into it, recorded in the manifest. */
  handlers?: readonly string[];
}

export interface StagedChangeSetOptions {
  /** Overwrite edited owned files and rewrite scaffolds (never immutable files). */
  force?: boolean;
  fs?: WorkspaceFs;
  /** What `read` falls back to for unstaged paths (default: the disk under the root). */
  disk?: ProjectTree;
  /** What to do with generated files the user edited (default: merge their edits, stop on a clash). */
  merge?: MergeMode;
  /** Test hook: stop writing as if killed after this many file-system changes (see `writeAllOrNothing`). */
  interruptAfter?: number;
}

const writes = (change: FileChange) => change.action === 'create' || change.action === 'update' || change.action === 'delete';

const diffHeaders = { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } };

/**
 * The files a run wants to write, held in memory until `commit`: the only place infragen writes to the
 * project. Generators see it as a `ProjectTree`: `read` returns what an earlier generator of the run wrote,
 * else the disk. `plan()` formats and compares with the disk; `diff()` shows it; `commit()` writes all or nothing.
 */
export class StagedChangeSet implements ProjectTree {
  readonly #root: string;
  readonly #force: boolean;
  readonly #fs: WorkspaceFs;
  readonly #disk: ProjectTree;
  readonly #interruptAfter: number | undefined;
  readonly #merge: MergeMode;
  readonly #files = new Map<string, RenderedFile>();
  readonly #claimed: string[] = [];
  readonly #spared = new Set<string>();

  constructor(root: string, options: StagedChangeSetOptions = {}) {
    this.#root = root;
    this.#force = options.force ?? false;
    this.#fs = options.fs ?? nodeWorkspaceFs;
    this.#disk = options.disk ?? new DiskTree(root);
    this.#interruptAfter = options.interruptAfter;
    this.#merge = options.merge ?? 'stop';
  }

  /**
   * Finishes or clears what a killed run left half-written (see `recoverInterruptedWrite`), under the
   * project's lock; returns a sentence for the user when there was something to do.
   */
  async recover(): Promise<string | undefined> {
    const infragenDir = await this.#fs.list(absolutePath(this.#root, '.infragen'));
    const leftover = [journalPath, stagingDir, lockPath].some((file) => infragenDir.includes(file.slice('.infragen/'.length)));
    if (!leftover) return undefined;
    const outcome = await withProjectLock(this.#root, () => this.#recoverLocked());
    if (outcome === 'completed') return 'an earlier run was interrupted while writing: its files were written in full before this run';
    if (outcome === 'cleared') return 'an earlier run was interrupted before writing: its staged files were removed';
    return undefined;
  }

  /**
   * Stages one file; an unusable path is rejected here, before anything is written. A later write of the
   * same path replaces the earlier one (a generator that merges reads the earlier one through `read` first).
   */
  write(file: RenderedFile): void {
    const path = projectPath(this.#root, file.path);
    const earlier = this.#files.get(path);
    const generator = earlier && earlier.generator !== file.generator ? `${earlier.generator}, ${file.generator}` : file.generator;
    this.#files.set(path, { ...file, path, generator });
  }

  read(path: string): string | undefined {
    const normalized = projectPath(this.#root, path);
    const staged = this.#files.get(normalized);
    const onDisk = this.#disk.read(normalized);
    return staged && this.#takesEffect(staged.policy, onDisk) ? staged.content : onDisk;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  recordedBlocks(path: string): Readonly<Record<string, string>> | undefined {
    const manifest = this.#recordedManifest();
    const file = projectPath(this.#root, path);
    if (manifest === undefined) return {};
    if (manifest.blocksRecorded) return manifest.blocks[file] ?? {};
    // Written by an infragen that recorded no blocks: if it wrote this file, which blocks are its own is not known.
    return manifest.files[file] === undefined ? {} : undefined;
  }

  recordedHandlers(path: string): readonly string[] | undefined {
    return this.#recordedManifest()?.handlers[projectPath(this.#root, path)];
  }

  /** The manifest as on disk, for generators; undefined when there is none (or none readable: plan() reports that). */
  #recordedManifest(): Manifest | undefined {
    let text: string;
    try {
      text = readFileSync(absolutePath(this.#root, manifestPath), 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parseManifest(text);
    } catch {
      return undefined;
    }
  }

  /** `recoverInterruptedWrite`, then the cleanup the interrupted commit did not reach. Under the project lock. */
  async #recoverLocked(): Promise<'none' | 'completed' | 'cleared'> {
    const outcome = await recoverInterruptedWrite(this.#fs, this.#root);
    if (outcome !== 'none') {
      const manifest = parseManifest(await readManifestText((file) => this.#fs.readText(file), absolutePath(this.#root, manifestPath)));
      await pruneGenerated(this.#fs, this.#root, Object.values(manifest.files));
    }
    return outcome;
  }

  /** Whether a staged file will replace what is on disk: scaffolds and migrations leave an existing file alone. */
  #takesEffect(policy: ConflictPolicy, onDisk: string | undefined): boolean {
    if (onDisk === undefined) return true;
    if (policy === 'scaffold') return this.#force;
    return policy !== 'immutable';
  }

  /** Formats every file and decides what to do with it from the disk, the manifest and its policy. Writes nothing. */
  /**
   * Declares that this run regenerates everything infragen writes under `dir`: a generated file there that the
   * run does not write again is removed (or kept and reported, when the user edited it).
   */
  claim(dir: string): void {
    this.#claimed.push(projectPath(this.#root, `${dir.replace(/\/+$/, '')}/x`).slice(0, -2));
  }

  /** Keeps a generated file under a claimed folder that this run does not write, though what it came from is still there. */
  spare(path: string): void {
    this.#spared.add(projectPath(this.#root, path));
  }

  async plan(): Promise<FileChange[]> {
    const manifest = parseManifest(await readManifestText((file) => this.#fs.readText(file), absolutePath(this.#root, manifestPath)));
    const kept = new Set([...this.#files.keys(), ...this.#spared]);
    const orphans = findOrphans(manifest, this.#claimed, kept, (path) => this.#disk.read(path)).map(orphanChange);
    const planned = await Promise.all(
      [...this.#files.values()].map(async (file): Promise<FileChange> => {
        const absolute = absolutePath(this.#root, file.path);
        const recorded = manifest.files[file.path];
        const rendered = sha256(file.content);
        const [before, base] = await Promise.all([
          this.#fs.readText(absolute),
          recorded === undefined ? undefined : readGenerated(this.#fs, this.#root, recorded),
        ]);
        // The same rendered text as last time, and the file as infragen wrote it: formatting would give it again.
        const unchanged = before !== undefined && manifest.rendered[file.path] === rendered && sha256(before) === recorded;
        const formatted = unchanged
          ? { text: before }
          : file.formatBetween
            ? await formatBetween(absolute, file.content, file.formatBetween)
            : await formatFile(absolute, file.content, file.format);
        const decision = decide({ policy: file.policy, before, after: formatted.text, recorded, base, force: this.#force, merge: this.#merge });
        const reason = [decision.reason, formatted.note].filter(Boolean).join('; ');
        return {
          path: file.path,
          action: decision.action,
          ...(reason && { reason }),
          generator: file.generator,
          policy: file.policy,
          ...(before !== undefined && { before }),
          after: decision.text ?? formatted.text,
          generated: formatted.text,
          rendered,
          ...(file.blocks && { blocks: file.blocks }),
          ...(file.handlers && { handlers: file.handlers }),
        };
      }),
    );
    return [...planned, ...orphans];
  }

  /** A plain unified diff of every file to create or update (`/dev/null` for new files). */
  diff(changes: readonly FileChange[]): string {
    return changes
      .filter(writes)
      .map((change) =>
        createTwoFilesPatch(
          change.before === undefined ? '/dev/null' : `a/${change.path}`,
          change.action === 'delete' ? '/dev/null' : `b/${change.path}`,
          change.before ?? '',
          change.after,
          undefined,
          undefined,
          diffHeaders,
        ),
      )
      .join('');
  }

  summary(changes: readonly FileChange[]): { path: string; action: ChangeAction; reason?: string }[] {
    return changes.map(({ path, action, reason }) => ({ path, action, ...(reason !== undefined && { reason }) }));
  }

  /**
   * Writes every create and update, and the manifest, as one all-or-nothing step. Refuses (writing
   * nothing) when a change is a conflict or when a file changed on disk since `plan()` read it.
   */
  async commit(changes: readonly FileChange[]): Promise<void> {
    for (const change of changes) {
      if (!this.#files.has(change.path) && change.generator !== orphanGenerator) throw new InternalError(`${change.path} was not staged in this change set`);
    }
    const conflicts = changes.filter((change) => change.action === 'conflict');
    if (conflicts.length > 0) {
      throw new UserError(
        `${conflicts.length} file${conflicts.length === 1 ? '' : 's'} changed since infragen wrote ${conflicts.length === 1 ? 'it' : 'them'}; nothing was written`,
        conflicts.map((change) =>
          errorDiagnostic('IG013', `${change.path}: ${change.reason ?? 'conflict'}`, undefined, 'keep your edits elsewhere, or pass --force to overwrite'),
        ),
      );
    }
    const toWrite = changes.filter(writes);
    await refusingUnwritable(this.#root, () =>
      withProjectLock(this.#root, async () => {
        await this.#recoverLocked();
        const pending: PendingWrite[] = [];
        const moved: FileChange[] = [];
        for (const change of toWrite) {
          const file = absolutePath(this.#root, change.path);
          const now = await this.#fs.readText(file);
          if (now !== change.before) moved.push(change);
          pending.push({ file, text: change.action === 'delete' ? undefined : change.after, before: change.before });
        }
        if (moved.length > 0) {
          throw new UserError(
            'files changed on disk while infragen was planning; nothing was written',
            moved.map((change) => errorDiagnostic('IG014', `${change.path} changed on disk since infragen read it`, undefined, 'run the command again')),
          );
        }
        const manifestWrite = await this.#manifestWrite(changes);
        const all = [...pending, ...(await generatedCopies(this.#fs, this.#root, changes)), ...(manifestWrite ? [manifestWrite] : [])];
        if (all.length === 0) return;
        await writeAllOrNothing(this.#fs, this.#root, all, { ...(this.#interruptAfter !== undefined && { interruptAfter: this.#interruptAfter }) });
        if (manifestWrite) await pruneGenerated(this.#fs, this.#root, Object.values(parseManifest(manifestWrite.text).files));
      }),
    );
  }

  /** The manifest with what infragen wrote; undefined when its bytes would not change (or it would be empty and new). */
  async #manifestWrite(changes: readonly FileChange[]): Promise<PendingWrite | undefined> {
    const file = absolutePath(this.#root, manifestPath);
    const before = await readManifestText((path) => this.#fs.readText(path), file);
    const { files, rendered, blocks, blocksRecorded, handlers } = parseManifest(before);
    for (const change of changes) {
      if (change.action === 'delete' || change.reason === reasons.gone) {
        delete files[change.path];
        delete rendered[change.path];
        delete blocks[change.path];
        delete handlers[change.path];
        continue;
      }
      // A kept projector still records which handlers infragen wrote (the user deleted one, or an event left the projection).
      if (change.handlers) handlers[change.path] = [...change.handlers];
      if (!writes(change) && change.action !== 'unchanged') continue;
      files[change.path] = sha256(change.generated);
      rendered[change.path] = change.rendered;
      if (change.blocks && Object.keys(change.blocks).length > 0) blocks[change.path] = { ...change.blocks };
      else if (change.blocks) delete blocks[change.path];
    }
    const text = serializeManifest({ files, rendered, blocks, blocksRecorded, handlers });
    if (text === before || (before === undefined && Object.keys(files).length === 0)) return undefined;
    return { file, text, before };
  }
}
