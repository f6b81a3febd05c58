import type { GlobalOptions } from '../cli/global-options.js';
import type { Reporter } from '../cli/reporter.js';
import { loadOptions } from '../config/load-options.js';
import { UserError } from '../diagnostics.js';
import { planDependencies } from '../generators/package-json/index.js';
import { messagingDependencies, planMessaging, type Broker } from '../generators/messaging/index.js';
import { loadProjectContext } from '../project/load-context.js';
import type { ProjectContext } from '../project/context.js';
import { DiskProjectFiles } from '../workspace/index.js';
import type { ProjectFiles } from '../workspace/planned-file.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import { inspectProject } from './load-domain.js';

export const brokers: readonly Broker[] = ['rabbitmq', 'kafka', 'nats'];

/** Brokers whose adapters an earlier run already generated: they are regenerated alongside new ones. */
function installedBrokers(context: ProjectContext, files: ProjectFiles): Broker[] {
  return brokers.filter((broker) => files.read(`${context.options.paths.messaging}/${broker}/index.ts`) !== undefined);
}

async function planMessagingRun(options: GlobalOptions, reporter: Reporter, requested: readonly Broker[], withDependencies: boolean): Promise<ApplyResult> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const files = new DiskProjectFiles(context.root);
  const selected = [...new Set([...installedBrokers(context, files), ...requested])].sort();
  if (selected.length === 0) {
    throw new UserError('no broker chosen', [
      {
        code: 'IG011',
        severity: 'error',
        message: 'this project has no messaging adapter yet',
        hint: `run \`infragen add messaging --broker <${brokers.join('|')}>\` first`,
      },
    ]);
  }
  const { model } = await inspectProject(context.root, context.options, reporter);
  const planned = planMessaging({ model, context, brokers: selected });
  const dependencies = withDependencies ? planDependencies(files, messagingDependencies(selected), 'messaging') : undefined;
  const result = await applyPlan([...planned, ...(dependencies?.files ?? [])], context, options, reporter);
  for (const kept of dependencies?.kept ?? []) {
    if (kept.declared !== kept.wanted) reporter.info(`  kept your ${kept.name}@${kept.declared} (infragen was tested with ${kept.wanted})`);
  }
  if (dependencies && dependencies.added.length > 0 && result.written) {
    reporter.info(`next: install the added packages (${dependencies.added.map((pkg) => pkg.name).join(', ')}) with your package manager`);
  }
  return result;
}

/** `infragen add messaging --broker …`: adapters, event map and acceptance suite, plus the client packages. */
export function addMessaging(options: GlobalOptions, reporter: Reporter, requested: readonly Broker[]): Promise<ApplyResult> {
  return planMessagingRun(options, reporter, requested, true);
}

/** `infragen generate events`: regenerates the typed event map for the brokers already added. */
export function generateEvents(options: GlobalOptions, reporter: Reporter): Promise<ApplyResult> {
  return planMessagingRun(options, reporter, [], false);
}
