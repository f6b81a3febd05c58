// A scratch PostgreSQL schema with the outbox and inbox tables, created from the SQL infragen's migration engine
// writes for the models `add outbox` merges, and a Prisma Client generated for those models.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { printDatasource, printGenerator } from '../../../src/generators/prisma-schema/print-blocks.js';
import { outboxModels } from '../../../src/generators/outbox/outbox-models.js';
import { openSchemaEngine } from '../../../src/migrate/index.js';
import { outboxTables, type OutboxTables, type TransactionalSqlClient } from '../../../templates/messaging/runtime/messaging/outbox/sql-client.js';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../../support/database.js';
import { serviceUrls } from '../../support/services.js';
import { offlinePrismaEnv, repoRoot } from '../../e2e/support.js';

/** Prisma Client as the tests use it: raw SQL, interactive transactions, disconnect. */
export type TestPrisma = TransactionalSqlClient & { $disconnect(): Promise<void> };

export interface OutboxTestDatabase {
  schema: string;
  /** `DATABASE_URL` with `?schema=`, as the generated project has it. */
  url: string;
  tables: OutboxTables;
  /** The generated client module, for relays in child processes. */
  clientModule: string;
  /** The generated client's class, for clients over other adapters (PGlite). */
  PrismaClient: new (options: { adapter: unknown }) => TestPrisma;
  /** The SQL of the migration that created the tables. */
  migrationSql: string;
  /** A new Prisma Client on the scratch schema (each has its own pool). */
  connect(options?: { poolMax?: number }): Promise<TestPrisma>;
  /** Plain SQL on the scratch schema, outside Prisma, for set-up and checks. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function outboxSchemaText(): string {
  const header = [printGenerator({ output: './client', esm: true }), printDatasource('postgresql')];
  return [...header, ...outboxModels].map((block) => block.text).join('\n\n') + '\n';
}

/** The SQL `infragen generate migration` writes for the outbox models on an empty database. */
export async function outboxMigrationSql(): Promise<string> {
  const schema = outboxSchemaText();
  const session = await openSchemaEngine({ databaseUrl: serviceUrls.database, schemaPath: 'prisma/schema.prisma', schema });
  try {
    return await session.diff({ kind: 'empty' }, { kind: 'schema', schema });
  } finally {
    await session.close();
  }
}

function generateClient(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infragen-outbox-client-'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'schema.prisma'), outboxSchemaText());
  const result = spawnSync(path.join(repoRoot, 'node_modules/.bin/prisma'), ['generate', '--schema', 'schema.prisma'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...offlinePrismaEnv() },
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`prisma generate failed: ${result.stderr}${result.stdout}`);
  return dir;
}

export async function openOutboxDatabase(prefix: string): Promise<OutboxTestDatabase> {
  const schema = scratchSchemaName(prefix);
  const base = new URL(serviceUrls.database);
  base.searchParams.delete('schema');
  const admin = new pg.Pool({ connectionString: base.toString(), max: 2, options: `-c search_path="${schema}"` });
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await admin.query<T>(text, values)).rows;
  await sql(`CREATE SCHEMA "${schema}"`);
  const migrationSql = await outboxMigrationSql();
  await sql(migrationSql);
  const dir = generateClient();
  const clientModule = path.join(dir, 'client/client.ts');
  const { PrismaClient } = (await import(clientModule)) as { PrismaClient: new (options: { adapter: unknown }) => TestPrisma };
  const clients: TestPrisma[] = [];
  return {
    schema,
    url: schemaUrl(schema),
    tables: outboxTables(schema),
    clientModule,
    PrismaClient,
    migrationSql,
    async connect({ poolMax = 10 } = {}) {
      const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: base.toString(), max: poolMax }, { schema }) });
      clients.push(client);
      return client;
    },
    sql,
    async close() {
      await Promise.all(clients.map((client) => client.$disconnect().catch(() => {})));
      await admin.end();
      await dropSchemas(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
