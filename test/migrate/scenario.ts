import { expect } from 'vitest';
import type { MigrationsFolder } from '../../src/migrate/migrations-folder.js';
import { deployMigrations, migrateDown, openMigrationEngine, planMigration, type MigrationPlan, type SchemaEngineSession } from '../../src/migrate/index.js';
import { v1, v2 } from './schemas.js';

export const schemaPath = 'prisma/schema.prisma';

export const uniqueWarning =
  'A unique constraint covering the columns `[email]` on the table `User` will be added. If there are existing duplicate values, this will fail.';

export async function plan(databaseUrl: string | undefined, folder: MigrationsFolder, schema: string, name: string, now: Date, acceptDataLoss = false): Promise<MigrationPlan> {
  const engine = await openMigrationEngine({ databaseUrl, schemaPath, schema });
  try {
    return await planMigration({ engine, folder, migrationsPath: 'prisma/migrations', schema, name, now, acceptDataLoss });
  } finally {
    await engine.close();
  }
}

/** Adds a planned migration to an in-memory folder, as writing its files would. */
export function withMigration(folder: MigrationsFolder, plan: MigrationPlan): MigrationsFolder {
  if (plan.kind !== 'migration') throw new Error('expected a migration');
  return { ...folder, lockfile: plan.files[2]!.content, migrations: [...folder.migrations, { name: plan.directory, up: plan.up, down: plan.down }] };
}

/** The database, read back by Prisma's introspection, has no difference with `schema`. */
export async function expectDatabaseMatches(session: SchemaEngineSession, schema: string): Promise<void> {
  const introspected = await session.introspect();
  expect(await session.diff({ kind: 'schema', schema }, { kind: 'schema', schema: introspected })).toBe('');
}

export interface Generated {
  folder: MigrationsFolder;
  first: string;
  second: string;
}

export async function generateBoth(databaseUrl: string | undefined): Promise<Generated> {
  const empty: MigrationsFolder = { baseDir: '/project/prisma/migrations', migrations: [] };
  const first = await plan(databaseUrl, empty, v1, 'init', new Date('2024-01-01T10:00:00Z'));
  const one = withMigration(empty, first);
  // Prisma asks before adding a unique constraint (duplicates would make it fail): without consent, refused.
  await expect(plan(databaseUrl, one, v2, 'grow user', new Date('2024-01-02T10:00:00Z'))).rejects.toMatchObject({
    exitCode: 1,
    diagnostics: [{ message: uniqueWarning }, { message: 'drops the column User.nickname and its values' }],
  });
  const second = await plan(databaseUrl, one, v2, 'grow user', new Date('2024-01-02T10:00:00Z'), true);
  // Prisma warns of the unique constraint; the dropped column, empty here, is found in the SQL itself.
  expect(second.kind === 'migration' && second.warnings).toEqual([uniqueWarning, 'drops the column User.nickname and its values']);
  const folder = withMigration(one, second);
  return { folder, first: folder.migrations[0]!.name, second: folder.migrations[1]!.name };
}

/** deploy both → matches v2 → down → matches v1 → deploy again, the row written under v1 surviving throughout. */
export async function deployDownDeploy(session: SchemaEngineSession, generated: Generated): Promise<void> {
  const { folder, first, second } = generated;
  expect(await deployMigrations(session, { ...folder, migrations: folder.migrations.slice(0, 1) })).toEqual([first]);
  await session.database.query(`INSERT INTO "User" (id, email, name, nickname) VALUES ('u1', 'ada@example.com', 'Ada', 'ada')`);
  expect(await deployMigrations(session, folder)).toEqual([second]);
  await expectDatabaseMatches(session, v2);
  await session.database.query(`INSERT INTO "Post" (id, title, "authorId") VALUES ('p1', 'Hello', 'u1')`);

  expect(await migrateDown(session, folder)).toEqual([second]);
  await expectDatabaseMatches(session, v1);
  const history = await session.diagnoseMigrationHistory(folder);
  expect(history.unapplied).toEqual([second]);
  expect(history.edited).toEqual([]);

  expect(await deployMigrations(session, folder)).toEqual([second]);
  await expectDatabaseMatches(session, v2);
  expect(await session.database.query(`SELECT id, email, name, role::text AS role FROM "User"`)).toEqual([
    { id: 'u1', email: 'ada@example.com', name: 'Ada', role: 'USER' },
  ]);
  expect((await session.diagnoseMigrationHistory(folder)).unapplied).toEqual([]);
}

/**
 * With v2 deployed, a down.sql that reverts the enum change (Prisma writes it as `BEGIN; … COMMIT;`) and then
 * fails must leave everything as it was: the enum value, the tables, the migration still applied.
 */
export async function failingDownIsAtomic(session: SchemaEngineSession, generated: Generated): Promise<void> {
  const { folder, second } = generated;
  expect((await session.diagnoseMigrationHistory(folder)).unapplied).toEqual([]);
  const down = folder.migrations[1]!.down!;
  expect(down).toContain('BEGIN;');
  const rollingBack = { ...folder, migrations: [folder.migrations[0]!, { ...folder.migrations[1]!, down: `${down}\nROLLBACK;\n` }] };
  await expect(migrateDown(session, rollingBack)).rejects.toMatchObject({ exitCode: 1, diagnostics: [{ code: 'IG315' }] });
  const rolledBack = `SELECT count(*)::int AS count FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL`;
  const before = await session.database.query(rolledBack);
  const failing = { ...folder, migrations: [folder.migrations[0]!, { ...folder.migrations[1]!, down: `${down}\nSELECT 1 / 0;\n` }] };
  await expect(migrateDown(session, failing)).rejects.toThrow(/division by zero/);
  const [{ labels } = { labels: '' }] = await session.database.query<{ labels: string }>(`SELECT enum_range(NULL::"Role")::text AS labels`);
  expect(labels).toBe('{USER,ADMIN,GUEST}');
  await expectDatabaseMatches(session, v2);
  expect((await session.diagnoseMigrationHistory(folder)).unapplied).toEqual([]);
  expect(await session.database.query(rolledBack)).toEqual(before);
  // The same down.sql without the failure reverts the migration.
  expect(await migrateDown(session, folder)).toEqual([second]);
  await expectDatabaseMatches(session, v1);
  expect(await deployMigrations(session, folder)).toEqual([second]);
}
