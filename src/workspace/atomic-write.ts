import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { InternalError } from '../diagnostics.js';
import { sha256 } from './manifest.js';
import type { WorkspaceFs } from './workspace-fs.js';

/** One file to write (or, with `text` undefined, to delete): its absolute path, its new text, and its text before. */
export interface PendingWrite {
  file: string;
  text: string | undefined;
  before: string | undefined;
}

/** Where a write is staged and journaled, relative to the project root; the next run finishes or clears it. */
export const stagingDir = '.infragen/staging';
export const journalPath = '.infragen/journal.json';

/** The commit point of a write: once this file exists, the write is rolled forward, even after a kill. */
interface Journal {
  version: 1;
  /** A file to put in place from `staged`, or (`staged` null) one to delete. */
  entries: { file: string; staged: string | null; sha256: string | null }[];
}

/** Thrown by the test hook `interruptAfter`: the write stops as a killed process would, without rolling back. */
export class SimulatedInterruption extends Error {}

export interface WriteOptions {
  /** Test hook: stop (as if killed) after this many file-system changes. */
  interruptAfter?: number;
}

interface Progress {
  root: string;
  run: string;
  createdDirs: string[];
  replaced: PendingWrite[];
  steps: number;
}

async function step(fs: WorkspaceFs, progress: Progress, options: WriteOptions, action: () => Promise<unknown>): Promise<void> {
  await action();
  progress.steps += 1;
  if (options.interruptAfter !== undefined && progress.steps >= options.interruptAfter)
    throw new SimulatedInterruption(`interrupted after ${progress.steps} steps`);
}

/**
 * Writes every file or none, even when the process is killed: each text is staged under
 * `.infragen/staging/`, then a journal naming them is written (the commit point), then each staged file is
 * renamed into place, then the journal and the staging folder are removed. A failure before the journal
 * leaves the project as it was; after it, `recoverInterruptedWrite` (run before every write) finishes the
 * renames. A failure reported in-process rolls back: replaced files get their old text back, new files and
 * folders are removed.
 */
export async function writeAllOrNothing(fs: WorkspaceFs, root: string, writes: readonly PendingWrite[], options: WriteOptions = {}): Promise<void> {
  const progress: Progress = { root, run: `${process.pid}-${randomBytes(4).toString('hex')}`, createdDirs: [], replaced: [], steps: 0 };
  const runDir = path.join(root, stagingDir, progress.run);
  try {
    const journal: Journal = { version: 1, entries: [] };
    await fs.makeDirectory(runDir);
    for (const [index, write] of writes.entries()) {
      const text = write.text;
      if (text === undefined) {
        journal.entries.push({ file: path.relative(root, write.file), staged: null, sha256: null });
        continue;
      }
      const staged = path.join(runDir, String(index));
      await step(fs, progress, options, () => fs.writeText(staged, text));
      journal.entries.push({ file: path.relative(root, write.file), staged: path.relative(root, staged), sha256: sha256(text) });
    }
    const journalFile = path.join(root, journalPath);
    await step(fs, progress, options, () => fs.writeText(`${journalFile}.${progress.run}.tmp`, `${JSON.stringify(journal)}\n`));
    await step(fs, progress, options, () => fs.rename(`${journalFile}.${progress.run}.tmp`, journalFile));
    for (const [index, write] of writes.entries()) {
      if (write.text === undefined) {
        await step(fs, progress, options, () => fs.remove(write.file));
        progress.replaced.push(write);
        continue;
      }
      const created = await fs.makeDirectory(path.dirname(write.file));
      if (created !== undefined) progress.createdDirs.push(created);
      await step(fs, progress, options, () => fs.rename(path.join(runDir, String(index)), write.file));
      progress.replaced.push(write);
    }
    await step(fs, progress, options, () => fs.remove(journalFile));
    await fs.remove(path.join(root, stagingDir)); // the project lock is held: no other run stages here
  } catch (error) {
    if (error instanceof SimulatedInterruption) throw error;
    const failed = await rollback(fs, progress, runDir);
    if (failed.length > 0) {
      throw new InternalError(`writing failed and these could not be restored or removed: ${failed.join(', ')}`, { cause: error });
    }
    throw error;
  }
}

/** Puts every replaced file back as it was and removes everything this write created; returns what failed. */
async function rollback(fs: WorkspaceFs, progress: Progress, runDir: string): Promise<string[]> {
  const failed: string[] = [];
  const attempt = async (file: string, undo: () => Promise<void>) => {
    try {
      await undo();
    } catch {
      failed.push(path.relative(progress.root, file));
    }
  };
  for (const write of [...progress.replaced].reverse()) {
    const before = write.before;
    await attempt(write.file, () => (before === undefined ? fs.remove(write.file) : fs.writeText(write.file, before)));
  }
  for (const dir of [...progress.createdDirs].reverse()) await attempt(dir, () => fs.remove(dir));
  const journalFile = path.join(progress.root, journalPath);
  await attempt(journalFile, () => fs.remove(journalFile));
  await attempt(`${journalFile}.${progress.run}.tmp`, () => fs.remove(`${journalFile}.${progress.run}.tmp`));
  await attempt(runDir, () => fs.remove(path.join(progress.root, stagingDir)));
  return failed;
}

function parseJournal(text: string): Journal | undefined {
  try {
    const parsed = JSON.parse(text) as Journal;
    return parsed.version === 1 && Array.isArray(parsed.entries) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finishes or clears a write a killed run left behind: with a journal, the staged files it names are renamed
 * into place (the run had passed its commit point); without one, the staging folder is removed (it had
 * not). Returns what it did, for a message.
 */
export async function recoverInterruptedWrite(fs: WorkspaceFs, root: string): Promise<'none' | 'completed' | 'cleared'> {
  const journalFile = path.join(root, journalPath);
  const text = await fs.readText(journalFile);
  const journal = text === undefined ? undefined : parseJournal(text);
  if (journal) {
    for (const entry of journal.entries) {
      if (entry.staged === null) {
        await fs.remove(path.join(root, entry.file));
        continue;
      }
      const staged = path.join(root, entry.staged);
      const pending = await fs.readText(staged);
      if (pending === undefined || sha256(pending) !== entry.sha256) continue;
      await fs.makeDirectory(path.dirname(path.join(root, entry.file)));
      await fs.rename(staged, path.join(root, entry.file));
    }
  }
  const leftovers = [
    ...(await fs.list(path.join(root, stagingDir))),
    ...(await fs.list(path.dirname(journalFile))).filter((name) => name.startsWith('journal.json.')),
  ];
  await fs.remove(path.join(root, stagingDir));
  for (const name of leftovers.filter((entry) => entry.startsWith('journal.json.'))) await fs.remove(path.join(path.dirname(journalFile), name));
  if (text !== undefined) await fs.remove(journalFile);
  if (journal) return 'completed';
  return text !== undefined || leftovers.length > 0 ? 'cleared' : 'none';
}
