import pc from 'picocolors';
import { UserError, type Diagnostic } from '../diagnostics.js';
import type { GeneratorNote, GeneratorResult } from '../generators/generator-result.js';
import type { ProjectContext } from '../project/context.js';
import { createRenderer, renderAll, type Renderer } from '../render/index.js';
import { StagedChangeSet, type FileChange } from '../workspace/index.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

export interface ApplyResult {
  changes: FileChange[];
  written: boolean;
}

const actionColours: Record<string, (text: string) => string> = {
  create: pc.green,
  update: pc.cyan,
  unchanged: pc.dim,
  keep: pc.dim,
  conflict: pc.red,
};

function summarise(changes: readonly FileChange[]): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.action, (counts.get(change.action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} ${action}`).join(', ');
}

const diagnosticKey = (diagnostic: Diagnostic) => JSON.stringify([diagnostic.code, diagnostic.message, diagnostic.location]);

/**
 * One run of generators over one staged change set. Each generator reads the project through `tree` (the
 * files earlier generators of the run planned, over the disk); `add` renders what it planned into the tree
 * and keeps its diagnostics and notes; `finish` stops on any error, else prints the plan and its diff
 * (`--dry-run`) or writes everything at once.
 */
export class GenerationRun {
  readonly tree: StagedChangeSet;
  readonly #renderer: Renderer;
  readonly #options: RunOptions;
  readonly #reporter: Reporter;
  readonly #diagnostics = new Map<string, Diagnostic>();
  readonly #notes: GeneratorNote[] = [];

  private constructor(tree: StagedChangeSet, renderer: Renderer, options: RunOptions, reporter: Reporter) {
    this.tree = tree;
    this.#renderer = renderer;
    this.#options = options;
    this.#reporter = reporter;
  }

  /** Opens the run's change set, first finishing or clearing a write that a killed run left half done. */
  static async start(context: ProjectContext, options: RunOptions, reporter: Reporter): Promise<GenerationRun> {
    const renderer = createRenderer({ projectRoot: context.root, overrideDir: context.options.templates });
    const tree = new StagedChangeSet(context.root, { force: options.force, ...(options.merge && { merge: options.merge }) });
    const recovered = await tree.recover();
    if (recovered) reporter.warn(recovered);
    return new GenerationRun(tree, renderer, options, reporter);
  }

  /** Stages a generator's files and keeps what it said; returns the result for the steps that build on it. */
  async add<Result extends GeneratorResult>(result: Result): Promise<Result> {
    for (const diagnostic of result.diagnostics) this.#diagnostics.set(diagnosticKey(diagnostic), diagnostic);
    this.#notes.push(...result.notes);
    for (const file of renderAll(this.#renderer, result.files)) this.tree.write(file);
    return result;
  }

  /** Whether a generator so far reported an error: later steps that build on its files may skip. */
  get failed(): boolean {
    return [...this.#diagnostics.values()].some((diagnostic) => diagnostic.severity === 'error');
  }

  /** Stops on the first error any generator reported (listing them all), else reports the rest and plans the writes. */
  async plan(): Promise<FileChange[]> {
    const diagnostics = [...this.#diagnostics.values()];
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) throw new UserError(`${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was written`, diagnostics);
    this.#reporter.diagnostics(diagnostics);
    for (const note of this.#notes.filter((candidate) => candidate.kind === 'info')) this.#reporter.info(pc.dim(`note: ${note.text}`));
    const changes = await this.tree.plan();
    this.#printChanges(changes);
    return changes;
  }

  /** The whole tail of a generating command: plan, then print the diff (`--dry-run`) or write everything at once. */
  async finish(): Promise<ApplyResult> {
    const changes = await this.plan();
    const summary = this.tree.summary(changes);
    if (this.#options.dryRun) {
      this.#reporter.out(this.tree.diff(changes));
      this.#reporter.info(`dry run: ${summarise(changes)}; nothing was written`);
      this.#reporter.result({ ok: true, dryRun: true, changes: summary });
      return { changes, written: false };
    }
    await this.tree.commit(changes);
    const written = changes.some((change) => change.action === 'create' || change.action === 'update' || change.action === 'delete');
    this.#reporter.success(written ? summarise(changes) : 'nothing to change: every file is up to date');
    if (written) for (const note of this.#notes.filter((candidate) => candidate.kind === 'next-step')) this.#reporter.info(`next: ${note.text}`);
    this.#reporter.result({ ok: true, dryRun: false, changes: summary });
    return { changes, written };
  }

  #printChanges(changes: readonly FileChange[]): void {
    for (const change of changes) {
      const colour = actionColours[change.action] ?? ((text: string) => text);
      const reason = change.reason ? pc.dim(` (${change.reason})`) : '';
      this.#reporter.info(`  ${colour(change.action.padEnd(9))} ${change.path}${reason}`);
    }
  }
}
