import { loadOptions } from '../config/load-options.js';
import { errorDiagnostic, UserError } from '../diagnostics.js';
import { brokers, type Broker } from '../config/brokers.js';
import { acceptanceDir, messagingDependencies, planCompositionRootHints, planMessaging } from '../generators/messaging/index.js';
import { outboxInstalled, planOutboxRuntime } from '../generators/outbox/index.js';
import { planProjectionRuntime, projectionsInstalled } from '../generators/projections/index.js';
import { planDependencies } from '../generators/package-json/index.js';
import type { ProjectContext } from '../project/context.js';
import { loadProjectContext } from '../project/load-context.js';
import type { ProjectTree } from '../workspace/project-tree.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { inspectProject } from './load-domain.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

/** Brokers whose adapters an earlier run already generated: they are regenerated alongside new ones. */
function installedBrokers(context: ProjectContext, tree: ProjectTree): Broker[] {
  return brokers.filter((broker) => tree.exists(`${context.options.paths.messaging}/${broker}/index.ts`));
}

async function planMessagingRun(options: RunOptions, reporter: Reporter, requested: readonly Broker[], withDependencies: boolean): Promise<ApplyResult> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const run = await GenerationRun.start(context, options, reporter);
  const selected = [...new Set([...installedBrokers(context, run.tree), ...requested])].sort();
  if (selected.length === 0) {
    throw new UserError('no broker chosen', [
      errorDiagnostic('IG011', 'this project has no messaging adapter yet', undefined, `run \`infragen add messaging --broker <${brokers.join('|')}>\` first`),
    ]);
  }
  const { model } = await inspectProject(context.root, context.options, reporter);
  // The whole messaging layer is regenerated: what a removed event or broker left behind goes.
  run.tree.claim(context.options.paths.messaging);
  run.tree.claim(acceptanceDir);
  await run.add(planMessaging({ model, context, brokers: selected }));
  // The claim above would remove the outbox runtime, which lives in the messaging folder too.
  if (outboxInstalled(context, run.tree)) await run.add(planOutboxRuntime(context));
  if (projectionsInstalled(context, run.tree)) await run.add(planProjectionRuntime(context));
  await run.add(planCompositionRootHints(run.tree, context, selected));
  if (withDependencies) await run.add(planDependencies(run.tree, messagingDependencies(selected), 'messaging'));
  return run.finish();
}

/** `infragen add messaging --broker …`: adapters, event map and acceptance suite, plus the client packages. */
export function addMessaging(options: RunOptions, reporter: Reporter, requested: readonly Broker[]): Promise<ApplyResult> {
  return planMessagingRun(options, reporter, requested, true);
}

/** `infragen generate events`: regenerates the typed event map for the brokers already added. */
export function generateEvents(options: RunOptions, reporter: Reporter): Promise<ApplyResult> {
  return planMessagingRun(options, reporter, [], false);
}
