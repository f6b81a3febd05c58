import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sortMigrations, type MigrationFiles, type MigrationsFolder } from './migrations-folder.js';

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Reads `<dir>/*\/migration.sql` (and `down.sql`) and `migration_lock.toml`, as Prisma lists them. */
export function readMigrationsFolder(projectRoot: string, migrationsPath: string): MigrationsFolder {
  const baseDir = resolve(projectRoot, migrationsPath);
  const migrations: MigrationFiles[] = [];
  if (existsSync(baseDir)) {
    for (const entry of readdirSync(baseDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const up = readIfExists(join(baseDir, entry.name, 'migration.sql'));
      if (up === undefined) continue;
      const down = readIfExists(join(baseDir, entry.name, 'down.sql'));
      migrations.push({ name: entry.name, up, ...(down !== undefined && { down }) });
    }
  }
  const lockfile = readIfExists(join(baseDir, 'migration_lock.toml'));
  return { baseDir, ...(lockfile !== undefined && { lockfile }), migrations: sortMigrations(migrations) };
}
