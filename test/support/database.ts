import pg from 'pg';
import { serviceUrls } from './services.js';

/** `DATABASE_URL` pointed at one PostgreSQL schema (`?schema=`), so each test run has tables of its own. */
export function schemaUrl(schema: string): string {
  const url = new URL(serviceUrls.database);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** A schema name no other run uses. */
export function scratchSchemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now()}`;
}

/** Drops the schemas a test created, with everything in them. */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const base = new URL(serviceUrls.database);
  base.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: base.toString() });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
