import pc from 'picocolors';
import type { GlobalOptions } from '../cli/global-options.js';
import type { Reporter } from '../cli/reporter.js';
import type { ProjectContext } from '../project/context.js';
import { createRenderer, renderAll } from '../render/index.js';
import { StagedChangeSet, type FileChange } from '../workspace/index.js';
import type { PlannedFile } from '../workspace/planned-file.js';

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

function printChanges(changes: readonly FileChange[], reporter: Reporter): void {
  for (const change of changes) {
    const colour = actionColours[change.action] ?? ((text: string) => text);
    const reason = change.reason ? pc.dim(` (${change.reason})`) : '';
    reporter.info(`  ${colour(change.action.padEnd(9))} ${change.path}${reason}`);
  }
}

/**
 * The tail every generating command shares: render the planned files, stage them, then either print the
 * plan and its diff (`--dry-run`) or write everything at once.
 */
export async function applyPlan(
  planned: readonly PlannedFile[],
  context: ProjectContext,
  global: GlobalOptions,
  reporter: Reporter,
): Promise<ApplyResult> {
  const renderer = createRenderer({ projectRoot: context.root, overrideDir: context.options.templates });
  const changeSet = new StagedChangeSet(context.root, { force: global.force });
  for (const file of renderAll(renderer, planned)) changeSet.add(file);
  const changes = await changeSet.plan();
  printChanges(changes, reporter);
  const pending = changes.filter((change) => change.action === 'create' || change.action === 'update');
  if (global.dryRun) {
    reporter.out(changeSet.diff(changes));
    reporter.info(`dry run: ${summarise(changes)}; nothing was written`);
    reporter.result({ ok: true, dryRun: true, changes: changeSet.summary(changes) });
    return { changes, written: false };
  }
  await changeSet.commit(changes);
  reporter.success(pending.length === 0 ? 'nothing to change: every file is up to date' : summarise(changes));
  reporter.result({ ok: true, dryRun: false, changes: changeSet.summary(changes) });
  return { changes, written: pending.length > 0 };
}
