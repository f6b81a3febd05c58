import { errorDiagnostic, UserError, type Diagnostic } from '../diagnostics.js';
import type { MigrationsFolder } from './migrations-folder.js';
import type { SchemaEngineSession } from './schema-engine.js';

/** Refuses to go on when the database's history and the folder disagree, naming each migration. */
export async function assertNoDrift(session: SchemaEngineSession, folder: MigrationsFolder): Promise<void> {
  const history = await session.diagnoseMigrationHistory(folder);
  const problems: Diagnostic[] = [
    ...history.edited.map((name) => errorDiagnostic('IG310', `migration ${name} was edited after it was applied (its checksum no longer matches _prisma_migrations)`, undefined, 'restore the applied migration.sql; write a new migration for further changes')),
    ...history.missing.map((name) => errorDiagnostic('IG311', `migration ${name} is applied to the database but missing from ${folder.baseDir}`, undefined, 'restore the migration directory (e.g. from version control)')),
    ...history.failed.map((name) => errorDiagnostic('IG312', `migration ${name} failed part-way on this database`, undefined, 'fix the database by hand, then mark it with `prisma migrate resolve`')),
  ];
  if (problems.length > 0) throw new UserError('the database has drifted from the migrations folder; nothing was run', problems);
}

export interface AppliedMigration {
  name: string;
}

/** Applied, not rolled back, newest last: the rows `prisma migrate status` counts. */
export async function appliedMigrations(session: SchemaEngineSession): Promise<AppliedMigration[]> {
  const exists = await session.database.query<{ found: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS found`);
  if (!exists[0]?.found) return [];
  const rows = await session.database.query<{ migration_name: string }>(
    'SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name',
  );
  return rows.map((row) => ({ name: row.migration_name }));
}
