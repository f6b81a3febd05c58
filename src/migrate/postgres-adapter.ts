import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const charOid = 18;
const textOid = 25;

type Fields = { fields?: { dataTypeID: number }[] };

function charAsText(result: unknown): unknown {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of (part as Fields | undefined)?.fields ?? []) if (field.dataTypeID === charOid) field.dataTypeID = textOid;
  }
  return result;
}

/**
 * `@prisma/adapter-pg` rejects PostgreSQL's one-byte `"char"` type (OID 18), which the schema engine's
 * catalogue queries return (`pg_constraint.contype`…). Its values are plain strings: report them as text.
 */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => (last as (e: unknown, r: unknown) => void)(error, error ? result : charAsText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    return (returned instanceof Promise ? returned.then(charAsText) : returned) as never;
  }
}

/**
 * The adapter factory for a real database. Its shadow database is a temporary database on the same server,
 * as Prisma's, with the same PostgreSQL schema (`?schema=`) as the main one.
 */
export function postgresAdapterFactory(connectionString: string, schemaName: string, searchPath: string): PrismaPg {
  const base: pg.PoolConfig = { connectionString, Client: CharAsTextClient as unknown as typeof pg.Client, max: 4 };
  const factory = new PrismaPg({ ...base, options: searchPath }, { schema: schemaName });
  factory.connectToShadowDb = async () => {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } catch (error) {
      await admin.end();
      throw error;
    }
    // `pg` lets the connection string win over a `database` option: name the database in the URL.
    const shadowUrl = new URL(connectionString);
    shadowUrl.pathname = `/${database}`;
    // The engine expects the history in the same PostgreSQL schema as the main database's.
    const setup = new pg.Client({ connectionString: shadowUrl.toString() });
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schemaName.replaceAll('"', '""')}"`).finally(() => setup.end());
    const adapter = await new PrismaPg({ ...base, connectionString: shadowUrl.toString(), options: searchPath }, { schema: schemaName }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`).finally(() => admin.end());
    };
    return adapter;
  };
  return factory;
}
