import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { postgresAdapterFactory } from './postgres-adapter.js';

/** The database a migration command works on: a real PostgreSQL (DATABASE_URL) or an embedded PGlite. */
export interface Database {
  readonly kind: 'postgresql' | 'embedded';
  /** The PostgreSQL schema the migrations live in (`?schema=`, else `public`). */
  readonly schemaName: string;
  /** Handed to the schema engine (it wraps it itself). */
  readonly adapterFactory: PrismaPg | PrismaPGlite;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script, then `after` statements, all in one transaction. */
  transaction(script: string, after: readonly { sql: string; params: unknown[] }[]): Promise<void>;
  close(): Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Splits Prisma's `?schema=` parameter off the URL: `pg` does not know it. */
export function parseDatabaseUrl(url: string): { connectionString: string; schemaName: string } {
  const parsed = new URL(url);
  const schemaName = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schemaName };
}

async function openPostgres(url: string): Promise<Database> {
  const { connectionString, schemaName } = parseDatabaseUrl(url);
  const searchPath = `-c search_path=${quoteIdent(schemaName)}`;
  const pool = new pg.Pool({ connectionString, options: searchPath, max: 2 });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schemaName)}`);
  return {
    kind: 'postgresql',
    schemaName,
    adapterFactory: postgresAdapterFactory(connectionString, schemaName, searchPath),
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as Row[];
    },
    async transaction(script, after) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        for (const statement of after) await client.query(statement.sql, statement.params);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(): Promise<Database> {
  const db: PGlite = await startEmbeddedPostgres();
  const shadows: PGlite[] = [];
  const factory = new PrismaPGlite(db);
  // The adapter's own shadow database runs initdb every time; start it from the cached cluster instead.
  factory.connectToShadowDb = async () => {
    const shadow = await startEmbeddedPostgres();
    shadows.push(shadow);
    return new PrismaPGlite(shadow).connect();
  };
  return {
    kind: 'embedded',
    schemaName: 'public',
    adapterFactory: factory,
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async transaction(script, after) {
      await db.transaction(async (tx: Transaction) => {
        await tx.exec(script);
        for (const statement of after) await tx.query(statement.sql, statement.params);
      });
    },
    async close() {
      for (const shadow of shadows.splice(0)) if (!shadow.closed) await shadow.close();
      await db.close();
    },
  };
}

export function openDatabase(url?: string): Promise<Database> {
  return url ? openPostgres(url) : openEmbedded();
}
