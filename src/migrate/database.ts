import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { InternalError } from '../diagnostics.js';
import { acquireEmbeddedPostgres, isPristine, releaseEmbeddedPostgres, resetEmbeddedPostgres } from './embedded-postgres.js';
import { connectionError, parseUrlOrRefuse } from './database-errors.js';
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
  const parsed = parseUrlOrRefuse(url);
  const schemaName = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schemaName };
}

async function openPostgres(url: string): Promise<Database> {
  const { connectionString, schemaName } = parseDatabaseUrl(url);
  const searchPath = `-c search_path=${quoteIdent(schemaName)}`;
  // A server that never answers fails within the timeout instead of hanging the command.
  const pool = new pg.Pool({ connectionString, options: searchPath, max: 2, connectionTimeoutMillis: 10_000 });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schemaName)}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectionError(error, new URL(connectionString));
  }
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

/** What `pglite-prisma-adapter` calls on its client. */
type PGliteClient = Pick<PGlite, 'query' | 'exec' | 'transaction'>;

/**
 * One embedded instance serves both roles when it can. The schema engine touches the shadow database only
 * between `connectToShadowDb` and the adapter's `dispose` (one `diff` from a migrations folder), and leaves
 * the main one alone meanwhile; so while the main database is still pristine (as when planning a migration),
 * it is lent as the shadow and reset when handed back, instead of starting a second PGlite (~1 s each).
 * Otherwise the shadow comes from the process's idle instances. A use of the main database while it is lent
 * out fails loudly rather than reading the shadow's tables.
 */
async function openEmbedded(): Promise<Database> {
  let db: PGlite = await acquireEmbeddedPostgres();
  let lent = false;
  let handback: Promise<void> = Promise.resolve();
  const shadows = new Set<PGlite>();
  const ready = async (): Promise<PGlite> => {
    if (lent) throw new InternalError('the embedded database was used while it served as the shadow database');
    await handback;
    return db;
  };
  const client: PGliteClient = {
    query: async (...args: Parameters<PGlite['query']>) => (await ready()).query(...args),
    exec: async (...args: Parameters<PGlite['exec']>) => (await ready()).exec(...args),
    transaction: async (...args: Parameters<PGlite['transaction']>) => (await ready()).transaction(...args),
  } as PGliteClient;
  const factory = new PrismaPGlite(client as PGlite);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => awaitingScripts(await connect(), client);
  // The adapter's own shadow database is a new PGlite running initdb every time.
  factory.connectToShadowDb = async () => {
    await handback;
    const main = db;
    lent = !lent && (await isPristine(main));
    if (lent) {
      const adapter = awaitingScripts(await new PrismaPGlite(main).connect(), main);
      adapter.dispose = () => {
        handback = (async () => {
          if (!(await resetEmbeddedPostgres(main))) {
            // Could not be emptied: the main database continues on a fresh instance (it was pristine).
            db = await acquireEmbeddedPostgres();
            await releaseEmbeddedPostgres(main);
          }
          lent = false;
        })();
        return handback;
      };
      return adapter;
    }
    const shadow = await acquireEmbeddedPostgres();
    shadows.add(shadow);
    const adapter = awaitingScripts(await new PrismaPGlite(shadow).connect(), shadow);
    adapter.dispose = async () => {
      if (shadows.delete(shadow)) await releaseEmbeddedPostgres(shadow);
    };
    return adapter;
  };
  return {
    kind: 'embedded',
    schemaName: 'public',
    adapterFactory: factory,
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query<Row>(sql, params)).rows;
    },
    async transaction(script, after) {
      await client.transaction(async (tx: Transaction) => {
        await tx.exec(script);
        for (const statement of after) await tx.query(statement.sql, statement.params);
      });
    },
    async close() {
      for (const shadow of [...shadows]) {
        shadows.delete(shadow);
        await releaseEmbeddedPostgres(shadow);
      }
      await handback.catch(() => undefined);
      // Lent and never handed back (a failed diff): releasing resets it all the same.
      lent = false;
      await releaseEmbeddedPostgres(db);
    },
  };
}

type ScriptRunner = { executeScript(script: string): Promise<void> };

/**
 * pglite-prisma-adapter 0.7.2 starts a migration script without awaiting it, so a failing statement is
 * lost and the engine records the migration as applied: run the script to its end and report its error.
 */
function awaitingScripts<Adapter extends ScriptRunner>(adapter: Adapter, db: Pick<PGlite, 'exec'>): Adapter {
  adapter.executeScript = async (script) => {
    try {
      await db.exec(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

export function openDatabase(url?: string): Promise<Database> {
  return url ? openPostgres(url) : openEmbedded();
}
