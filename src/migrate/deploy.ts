import { assertNoDrift } from './history.js';
import type { MigrationsFolder } from './migrations-folder.js';
import type { SchemaEngineSession } from './schema-engine.js';

/** `migrate deploy`: Prisma's own applyMigrations, after refusing on drift. Returns the names applied. */
export async function deployMigrations(session: SchemaEngineSession, folder: MigrationsFolder): Promise<string[]> {
  await assertNoDrift(session, folder);
  return session.applyMigrations(folder);
}
