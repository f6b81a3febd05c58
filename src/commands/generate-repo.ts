import { planDependencies } from '../generators/package-json/index.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { PrismaSchemaGenerator } from '../generators/prisma-schema/index.js';
import { planDatabaseClient, planRepositories, repositoryPackages } from '../generators/repos/index.js';
import { entityNames } from '../model/names.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { loadGenerationInput } from './load-domain.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

export interface GenerateRepoRequest {
  options: RunOptions;
  reporter: Reporter;
  /** Entity names; empty means all. */
  entities: readonly string[];
  /** `--migration <name>`: also write the migration to the schema this run plans. */
  migration?: MigrationRequest;
  /** `--scaffold-ports`: write a port into the domain for an aggregate that has none (also the config's `scaffoldPorts`). */
  scaffoldPorts?: boolean;
}

/** `infragen generate repo`: the schema, the database client and one repository per aggregate. */
export async function generateRepo({ options, reporter, entities, migration, scaffoldPorts }: GenerateRepoRequest): Promise<ApplyResult> {
  const { context, domain, selected } = await loadGenerationInput(options, reporter, entities);
  const run = await GenerationRun.start(context, options, reporter);
  const { tree } = run;
  // Every aggregate is regenerated: a repository or mapper whose aggregate is gone goes with it.
  if (entities.length === 0) tree.claim(context.options.paths.repos);
  // An entity skipped for a field it cannot store is still in the domain: its earlier repository and mapper stay.
  for (const name of domain.skipped) {
    const names = entityNames(name, context.options.naming);
    for (const file of [names.repositoryFile, names.mapperFile]) tree.spare(`${context.options.paths.repos}/${file}`);
  }
  await run.add(planRepositories({ domain: domain.model, persistence: domain.persistence, context, entities: selected, skipUnsupported: entities.length === 0, scaffoldPorts: scaffoldPorts === true || context.options.scaffoldPorts, tree }));
  await run.add(new PrismaSchemaGenerator().plan({ persistence: domain.persistence, context, tree, entities: selected, declared: domain.declared }));
  if (!run.failed) await run.add(await migrationFor(tree, context, migration, reporter));
  await run.add(planPrismaConfig(context));
  await run.add(planDatabaseClient(context));
  await run.add(planDependencies(tree, repositoryPackages, 'repos'));
  return run.finish();
}
