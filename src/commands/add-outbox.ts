import { loadOptions } from '../config/load-options.js';
import { outboxScripts, planOutbox } from '../generators/outbox/index.js';
import { planDependencies, planScripts } from '../generators/package-json/index.js';
import { planDatabaseClient } from '../generators/repos/index.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { outboxPackages } from '../generators/versions.js';
import type { ProjectContext } from '../project/context.js';
import { loadProjectContext } from '../project/load-context.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

/**
 * `infragen add outbox`: the outbox and inbox tables in schema.prisma (and their migration with
 * `--migration`), the relay, the inbox and the outbox writer in the messaging layer, the relay's process and the
 * admin command with their package.json scripts, the database client they use (when the project has none yet),
 * and the packages they import.
 * Nothing here depends on the domain, so the domain is not read.
 */
export async function addOutbox(options: RunOptions, reporter: Reporter, migration?: MigrationRequest): Promise<ApplyResult> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const run = await GenerationRun.start(context, options, reporter);
  await planOutboxInstall(run, context);
  await run.add(planPrismaConfig(context));
  if (!run.failed) await run.add(await migrationFor(run.tree, context, migration, reporter));
  return run.finish();
}

/**
 * What `add outbox` writes besides prisma.config.ts and the migration, staged in `run`; `infragen init` runs
 * it too: the schema's models, the runtime, the relay's process and the admin command with their scripts, the
 * database client when none is there or planned, and the packages.
 */
export async function planOutboxInstall(run: GenerationRun, context: ProjectContext): Promise<void> {
  await run.add(planOutbox(context, run.tree));
  if (!run.failed) {
    // Only when none is there or planned: init plans its own (with the embedded fallback) in the same run.
    if (!run.tree.exists(`${context.options.paths.db}/client.ts`)) await run.add(planDatabaseClient(context));
    await run.add(planScripts(run.tree, outboxScripts(context), 'outbox'));
  }
  await run.add(planDependencies(run.tree, outboxPackages, 'outbox'));
}
