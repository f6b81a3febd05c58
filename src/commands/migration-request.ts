import { generated, type GeneratorResult } from '../generators/generator-result.js';
import type { ProjectContext } from '../project/context.js';
import type { ProjectTree } from '../workspace/project-tree.js';
import type { Reporter } from './reporter.js';

export interface MigrationRequest {
  name: string;
  acceptDataLoss: boolean;
}

/**
 * The migration to the schema as this run leaves it, for `--migration <name>`; nothing when not asked.
 * The engine (PGlite, pg, Prisma's wasm) is loaded only then: plain generation never pays for it.
 */
export async function migrationFor(
  tree: ProjectTree,
  context: ProjectContext,
  request: MigrationRequest | undefined,
  reporter: Reporter,
): Promise<GeneratorResult> {
  const schema = tree.read(context.options.paths.schema);
  if (!request || schema === undefined) return generated([]);
  const { planMigrationFiles } = await import('./migrate.js');
  return generated((await planMigrationFiles(context, schema, request, reporter)) ?? []);
}
