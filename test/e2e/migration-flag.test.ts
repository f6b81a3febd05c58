import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, type TempProject } from './support.js';

// The embedded engine (no DATABASE_URL): the same commands a user runs on a machine with no database.
const embedded = { DATABASE_URL: '' };

function migrations(root: string): string[] {
  const dir = path.join(root, 'prisma/migrations');
  return existsSync(dir) ? readdirSync(dir).filter((entry) => entry !== 'migration_lock.toml').sort() : [];
}

describe('--migration on the generating commands, on the embedded engine', () => {
  let project: TempProject;

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop');
  });
  afterAll(() => project?.remove());

  it('writes the schema and its first migration in one run', () => {
    const run = runCli(['generate', 'schema', '--all', '--migration', 'init'], project.root, embedded);
    expect(run.status, run.stderr).toBe(0);
    const [first] = migrations(project.root);
    expect(first).toMatch(/^\d{14}_init$/);
    const sql = readFileSync(path.join(project.root, 'prisma/migrations', first!, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "orders"');
    expect(sql).toContain('CREATE TYPE "order_status" AS ENUM');
    expect(readFileSync(path.join(project.root, 'prisma/migrations', first!, 'down.sql'), 'utf8')).toContain('DROP TABLE "orders"');
    expect(readFileSync(path.join(project.root, 'prisma/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });

  it('writes nothing new when the schema has not changed', () => {
    const run = runCli(['generate', 'schema', '--all', '--migration', 'again'], project.root, embedded);
    expect(run.status, run.stderr).toBe(0);
    expect(migrations(project.root)).toHaveLength(1);
  });

  it('follows a change of the domain with generate repo --migration', () => {
    const file = path.join(project.root, 'src/domain/catalog/product.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  priceCents!: number;', '  priceCents!: number;\n  description?: string;'));
    const run = runCli(['generate', 'repo', '--all', '--migration', 'product-description'], project.root, embedded);
    expect(run.status, run.stderr).toBe(0);
    const all = migrations(project.root);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatch(/_product_description$/);
    const sql = readFileSync(path.join(project.root, 'prisma/migrations', all[1]!, 'migration.sql'), 'utf8');
    expect(sql).toMatch(/ALTER TABLE "products" ADD COLUMN\s+"description" TEXT;/);
    expect(readFileSync(path.join(project.root, 'prisma/migrations', all[1]!, 'down.sql'), 'utf8')).toMatch(/DROP COLUMN "description"/);
  });
});
