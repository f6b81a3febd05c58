import { loadOptions } from '../config/load-options.js';
import { planOutbox } from '../generators/outbox/index.js';
import { planDependencies } from '../generators/package-json/index.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { outboxPackages } from '../generators/versions.js';
import { loadProjectContext } from '../project/load-context.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

/**
 * `infragen add outbox`: the outbox and inbox tables in schema.prisma (and their migration with
 * `--migration`), the relay, the inbox and the outbox writer in the messaging layer, and node-postgres.
 * Nothing here depends on the domain, so the domain is not read.
 */
export async function addOutbox(options: RunOptions, reporter: Reporter, migration?: MigrationRequest): Promise<ApplyResult> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const run = await GenerationRun.start(context, options, reporter);
  await run.add(planOutbox(context, run.tree));
  await run.add(planPrismaConfig(context));
  await run.add(planDependencies(run.tree, outboxPackages, 'outbox'));
  if (!run.failed) await run.add(await migrationFor(run.tree, context, migration, reporter));
  return run.finish();
}
