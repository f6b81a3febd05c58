import { UserError } from '../diagnostics.js';
import { appliedMigrations, assertNoDrift } from './history.js';
import type { MigrationsFolder } from './migrations-folder.js';
import type { SchemaEngineSession } from './schema-engine.js';
import { inlineTransactions } from './sql-script.js';

export interface DownRequest {
  /** Revert every migration applied after this one (it stays applied); default: only the last one. */
  to?: string;
}

/** Which applied migrations to revert, newest first. */
function selectReverts(applied: readonly string[], to: string | undefined): string[] {
  if (to === undefined) return applied.slice(-1);
  const index = applied.findIndex((name) => name === to || name.replace(/^\d{14}_/, '') === to);
  if (index === -1) {
    throw new UserError(`migration ${to} is not applied to this database`, [
      { code: 'IG314', severity: 'error', message: `--to ${to} names no applied migration`, hint: `applied: ${applied.join(', ') || 'none'}` },
    ]);
  }
  return applied.slice(index + 1).reverse();
}

/**
 * `migrate down [--to <migration>]`: runs each down.sql, newest first, each in one transaction (its own
 * BEGIN/COMMIT neutralised) with the marking of its `_prisma_migrations` row as rolled back (as
 * `prisma migrate resolve --rolled-back` does), so `prisma migrate status` then lists it as not yet applied
 * and `migrate deploy` applies it again. A failing down.sql changes nothing.
 */
export async function migrateDown(session: SchemaEngineSession, folder: MigrationsFolder, request: DownRequest = {}): Promise<string[]> {
  await assertNoDrift(session, folder);
  const reverts = selectReverts((await appliedMigrations(session)).map((m) => m.name), request.to);
  const missingDown = reverts.filter((name) => folder.migrations.find((m) => m.name === name)?.down === undefined);
  if (missingDown.length > 0) {
    throw new UserError('cannot revert: a migration has no down.sql; nothing was run', missingDown.map((name) => ({
      code: 'IG313',
      severity: 'error' as const,
      message: `migration ${name} has no down.sql`,
      hint: 'write the inverse SQL into down.sql by hand',
    })));
  }
  // Each down.sql runs inside infragen's transaction with the marking of its row: its own BEGIN/COMMIT
  // (Prisma writes them around enum changes) would commit half a revert if a later statement failed.
  const scripts = new Map(reverts.map((name) => [name, inlineTransactions(folder.migrations.find((m) => m.name === name)?.down ?? '')]));
  const aborting = reverts.filter((name) => scripts.get(name)!.aborts.length > 0);
  if (aborting.length > 0) {
    throw new UserError('cannot revert: a down.sql rolls its transaction back; nothing was run', aborting.map((name) => ({
      code: 'IG315',
      severity: 'error' as const,
      message: `down.sql of ${name} contains ${scripts.get(name)!.aborts[0]}`,
      hint: 'remove the ROLLBACK: each down.sql already runs in one transaction, rolled back if any statement fails',
    })));
  }
  for (const name of reverts) {
    await session.database.transaction(scripts.get(name)!.script, [
      { sql: 'UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND rolled_back_at IS NULL', params: [name] },
    ]);
  }
  return reverts;
}
