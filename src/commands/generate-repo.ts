import pc from 'picocolors';
import type { GlobalOptions } from '../cli/global-options.js';
import type { Reporter } from '../cli/reporter.js';
import { UserError } from '../diagnostics.js';
import { planDependencies } from '../generators/package-json/index.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { PrismaSchemaGenerator } from '../generators/prisma-schema/index.js';
import { planDatabaseClient, planRepositories, repositoryPackages } from '../generators/repos/index.js';
import { DiskProjectFiles } from '../workspace/index.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import { loadGenerationInput } from './load-domain.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';

export interface GenerateRepoRequest {
  options: GlobalOptions;
  reporter: Reporter;
  /** Entity names; empty means all. */
  entities: readonly string[];
  /** `--migration <name>`: also write the migration to the schema this run plans. */
  migration?: MigrationRequest;
}

/** `infragen generate repo`: the schema, the database client and one repository per aggregate. */
export async function generateRepo({ options, reporter, entities, migration }: GenerateRepoRequest): Promise<ApplyResult> {
  const { context, domain, selected } = await loadGenerationInput(options, reporter, entities);
  const projectFiles = new DiskProjectFiles(context.root);
  const repositories = planRepositories({ domain: domain.model, persistence: domain.persistence, context, entities: selected, skipUnsupported: entities.length === 0 });
  const errors = repositories.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new UserError(`${errors.length} repositor${errors.length === 1 ? 'y' : 'ies'} cannot be generated; nothing was written`, repositories.diagnostics);
  reporter.diagnostics(repositories.diagnostics);
  const dependencies = planDependencies(projectFiles, repositoryPackages, 'repos');
  const schema = new PrismaSchemaGenerator().plan({ persistence: domain.persistence, context, projectFiles, entities: selected });
  const planned = [
    ...schema,
    ...(await migrationFor(schema, context, migration, reporter)),
    ...planPrismaConfig(context),
    planDatabaseClient(context),
    ...repositories.files,
    ...dependencies.files,
  ];
  for (const note of repositories.notes) reporter.info(pc.dim(`note: ${note}`));
  const result = await applyPlan(planned, context, options, reporter);
  for (const method of repositories.notImplemented) {
    reporter.warn(`${method.repository}.${method.method} is generated as "not implemented" (TODO in the file): ${method.reason}`);
  }
  if (dependencies.added.length > 0 && result.written) {
    reporter.info(`next: install the added packages (${dependencies.added.map((pkg) => pkg.name).join(', ')}), then run \`npx prisma generate\``);
  }
  return result;
}
