import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { PrismaSchemaGenerator } from '../generators/prisma-schema/index.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { loadGenerationInput } from './load-domain.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

export interface GenerateSchemaRequest {
  options: RunOptions;
  reporter: Reporter;
  /** Entity names to (re)generate; empty means all. */
  entities: readonly string[];
  /** `--migration <name>`: also write the migration from the last migrated schema to the new one. */
  migration?: MigrationRequest;
}

/** `infragen generate schema`: the entities' models in schema.prisma, prisma.config.ts, and the migration when asked. */
export async function generateSchema({ options, reporter, entities, migration }: GenerateSchemaRequest): Promise<ApplyResult> {
  const { context, domain, selected } = await loadGenerationInput(options, reporter, entities);
  const run = await GenerationRun.start(context, options, reporter);
  await run.add(new PrismaSchemaGenerator().plan({ persistence: domain.persistence, context, tree: run.tree, entities: selected, declared: domain.declared }));
  await run.add(planPrismaConfig(context));
  if (!run.failed) await run.add(await migrationFor(run.tree, context, migration, reporter));
  return run.finish();
}
