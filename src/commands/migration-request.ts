import type { Reporter } from '../cli/reporter.js';
import type { ProjectContext } from '../project/context.js';
import type { ContentPlannedFile, PlannedFile } from '../workspace/planned-file.js';

export interface MigrationRequest {
  name: string;
  acceptDataLoss: boolean;
}

/**
 * The migration to the schema planned in this run, for `--migration <name>`; nothing when not asked.
 * The engine (PGlite, pg, Prisma's wasm) is loaded only then: plain generation never pays for it.
 */
export async function migrationFor(planned: readonly ContentPlannedFile[], context: ProjectContext, request: MigrationRequest | undefined, reporter: Reporter): Promise<PlannedFile[]> {
  const schema = planned.find((file) => file.path === context.options.paths.schema);
  if (!request || !schema) return [];
  const { planMigrationFiles } = await import('./migrate.js');
  return (await planMigrationFiles(context, schema.content, request, reporter)) ?? [];
}
