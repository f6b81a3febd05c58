import type { GlobalOptions } from '../cli/global-options.js';
import type { Reporter } from '../cli/reporter.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { PrismaSchemaGenerator } from '../generators/prisma-schema/index.js';
import { DiskProjectFiles } from '../workspace/index.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import { loadGenerationInput } from './load-domain.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';

export interface GenerateSchemaRequest {
  options: GlobalOptions;
  reporter: Reporter;
  /** Entity names to (re)generate; empty means all. */
  entities: readonly string[];
  /** `--migration <name>`: also write the migration from the last migrated schema to the new one. */
  migration?: MigrationRequest;
}

export async function generateSchema({ options, reporter, entities, migration }: GenerateSchemaRequest): Promise<ApplyResult> {
  const { context, domain, selected } = await loadGenerationInput(options, reporter, entities);
  const projectFiles = new DiskProjectFiles(context.root);
  const schema = new PrismaSchemaGenerator().plan({ persistence: domain.persistence, context, projectFiles, entities: selected });
  const planned = [...schema, ...planPrismaConfig(context), ...(await migrationFor(schema, context, migration, reporter))];
  return applyPlan(planned, context, options, reporter);
}
