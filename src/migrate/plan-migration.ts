import { snakeCase } from 'change-case';
import { UserError, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { ContentPlannedFile } from '../workspace/planned-file.js';
import type { MigrationEngine } from './migration-engine.js';
import { postgresLockfile, type MigrationsFolder } from './migrations-folder.js';

export interface PlanMigrationRequest {
  engine: MigrationEngine;
  /** The migrations folder as it is now. */
  folder: MigrationsFolder;
  /** Project-relative path of the migrations folder, e.g. `prisma/migrations`. */
  migrationsPath: string;
  /** The current `schema.prisma` text. */
  schema: string;
  /** The user's name for the migration, e.g. `add user age`. */
  name: string;
  acceptDataLoss: boolean;
  /** The clock, for the `<YYYYMMDDHHMMSS>` prefix (UTC, as Prisma). */
  now?: Date;
}

export type MigrationPlan =
  | { kind: 'nothing'; message: string }
  | { kind: 'migration'; directory: string; up: string; down: string; warnings: string[]; files: ContentPlannedFile[] };

const emptySchema = 'datasource db {\n  provider = "postgresql"\n}\n';

/** `20240131093005`: the UTC timestamp Prisma prefixes migration directories with. */
export function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function migrationDirectoryName(name: string, now: Date): string {
  const slug = snakeCase(name.trim()).replace(/[^a-z0-9_]/g, '');
  if (slug.length === 0) throw new UserError(`"${name}" is not a usable migration name`, [diagnostic('IG316', `migration name "${name}" has no letters or digits`, 'use e.g. `add_user_age`')]);
  return `${migrationTimestamp(now)}_${slug}`;
}

function diagnostic(code: DiagnosticCode, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint && { hint }) };
}

function file(path: string, content: string): ContentPlannedFile {
  return { path, content, policy: 'immutable', generator: 'migration', format: false };
}

/** Refuses (exit 1) destructive or impossible steps unless accepted, quoting Prisma's own warnings. */
function checkDataLoss(warnings: readonly string[], unexecutable: readonly string[], accept: boolean): void {
  if (unexecutable.length > 0) {
    throw new UserError(
      'the migration cannot run on the database as it is',
      unexecutable.map((message) => diagnostic('IG303', message, 'give the new column a default value, or make it optional first')),
    );
  }
  if (warnings.length > 0 && !accept) {
    throw new UserError(
      'the migration would lose data; nothing was written',
      warnings.map((message) => diagnostic('IG317', message, 'pass --accept-data-loss to generate it anyway')),
    );
  }
}

/**
 * Plans `<migrations>/<timestamp>_<name>/migration.sql` (the SQL `prisma migrate dev` writes: the replayed
 * history diffed to the schema), its `down.sql` (the schema diffed back to the migrated state) and Prisma's
 * `migration_lock.toml`. Reads nothing from disk and writes nothing.
 */
export async function planMigration(request: PlanMigrationRequest): Promise<MigrationPlan> {
  const { engine, folder, schema } = request;
  const up = await engine.diff({ kind: 'migrations', folder }, { kind: 'schema', schema });
  if (up.trim() === '') {
    return { kind: 'nothing', message: 'no schema change since the last migration: nothing to migrate' };
  }
  const directory = migrationDirectoryName(request.name, request.now ?? new Date());
  const clash = folder.migrations.find((migration) => migration.name >= directory);
  if (clash) {
    throw new UserError(`migration ${directory} would not come after ${clash.name}`, [
      diagnostic('IG304', `the migrations folder already has ${clash.name}, which sorts after ${directory}`, 'check the system clock, or wait a second and run again'),
    ]);
  }
  const state = await engine.migratedState(folder, schema);
  checkDataLoss(state.dataLoss.warnings, state.dataLoss.unexecutable, request.acceptDataLoss);
  // Both sides are schemas, so the SQL names no PostgreSQL schema and runs wherever `?schema=` points
  // (diffing to the replayed history would write `"public"."User"`). No history: a schema with no models.
  const previous = state.previousSchema ?? emptySchema;
  const down = await engine.diff({ kind: 'schema', schema }, { kind: 'schema', schema: previous });
  const base = request.migrationsPath.replace(/\/$/, '');
  return {
    kind: 'migration',
    directory,
    up,
    down,
    warnings: state.dataLoss.warnings,
    files: [
      file(`${base}/${directory}/migration.sql`, up),
      file(`${base}/${directory}/down.sql`, down),
      file(`${base}/migration_lock.toml`, folder.lockfile ?? postgresLockfile),
    ],
  };
}
