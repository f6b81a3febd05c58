import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployMigrations, migrateDown, openSchemaEngine, type SchemaEngineSession } from '../../src/migrate/index.js';
import { serviceAvailable, serviceUrls } from '../support/services.js';
import { deployDownDeploy, failingDownIsAtomic, generateBoth, plan, schemaPath, withMigration, type Generated } from './scenario.js';
import { v2, v3 } from './schemas.js';

const available = await serviceAvailable('database');
const schemaName = `infragen_migrate_${randomUUID().slice(0, 8)}`;
const url = new URL(serviceUrls.database);
url.searchParams.set('schema', schemaName);
const databaseUrl = url.toString();

describe.skipIf(!available)('migrations on a real PostgreSQL (fresh schema per run)', () => {
  let generated: Generated;
  let session: SchemaEngineSession;

  beforeAll(async () => {
    session = await openSchemaEngine({ databaseUrl, schemaPath, schema: v2 });
  });

  afterAll(async () => {
    await session?.close();
    const client = new pg.Client({ connectionString: serviceUrls.database });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
    await client.end();
  });

  it('plans the same SQL as the embedded engine', async () => {
    generated = await generateBoth(databaseUrl);
    const embedded = await generateBoth(undefined);
    expect(generated.folder.migrations).toEqual(embedded.folder.migrations);
  });

  it('deploys both, reverts the second, deploys again, keeping the data', async () => {
    await deployDownDeploy(session, generated);
    const [{ schema } = { schema: '' }] = await session.database.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = '_prisma_migrations' AND table_schema = $1`,
      [schemaName],
    );
    expect(schema).toBe(schemaName);
  });

  it('leaves the database as it was when a down.sql reverting an enum change fails', async () => {
    await failingDownIsAtomic(session, generated);
  });

  it("refuses to drop a column holding data without consent, in Prisma's words", async () => {
    await session.database.query(`UPDATE "User" SET bio = 'hello' WHERE id = 'u1'`);
    const attempt = plan(databaseUrl, generated.folder, v3, 'drop bio', new Date('2024-01-03T10:00:00Z'));
    await expect(attempt).rejects.toMatchObject({
      exitCode: 1,
      diagnostics: [{ message: 'You are about to drop the column `bio` on the `User` table, which still contains 1 non-null values.' }],
    });
    const accepted = await plan(databaseUrl, generated.folder, v3, 'drop bio', new Date('2024-01-03T10:00:00Z'), true);
    expect(accepted.kind).toBe('migration');
    expect((await session.database.query<{ bio: string }>(`SELECT bio FROM "User"`))[0]?.bio).toBe('hello');
  });

  it('reports nothing to migrate when the schema did not change', async () => {
    const nothing = await plan(databaseUrl, generated.folder, v2, 'again', new Date('2024-01-03T10:00:00Z'));
    expect(nothing).toEqual({ kind: 'nothing', message: 'no schema change since the last migration: nothing to migrate' });
  });

  it('refuses deploy and down on drift, naming the migration', async () => {
    const [first, second] = generated.folder.migrations;
    const edited = { ...generated.folder, migrations: [{ ...first!, up: `${first!.up}\n-- edited` }, second!] };
    await expect(deployMigrations(session, edited)).rejects.toMatchObject({
      exitCode: 1,
      diagnostics: [{ code: 'IG310', message: expect.stringContaining(first!.name) }],
    });
    const missing = { ...generated.folder, migrations: [first!] };
    await expect(migrateDown(session, missing)).rejects.toMatchObject({
      exitCode: 1,
      diagnostics: [{ code: 'IG311', message: expect.stringContaining(second!.name) }],
    });
  });

  it('down --to reverts every later migration; a third migration deploys on top', async () => {
    const third = await plan(databaseUrl, generated.folder, v3, 'drop bio', new Date('2024-01-03T10:00:00Z'), true);
    const folder = withMigration(generated.folder, third);
    expect(await deployMigrations(session, folder)).toHaveLength(1);
    const [first, second, last] = folder.migrations.map((m) => m.name);
    expect(await migrateDown(session, folder, { to: 'init' })).toEqual([last, second]);
    expect((await session.diagnoseMigrationHistory(folder)).unapplied).toEqual([second, last]);
    expect(await deployMigrations(session, folder)).toEqual([second, last]);
    expect(first).toMatch(/_init$/);
  });
});
