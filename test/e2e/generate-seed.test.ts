import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { PGlite } from '@electric-sql/pglite';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, offlinePrismaEnv, repoRoot, runBin, runCli, snapshotTree, type TempProject } from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

type Rows = Record<string, unknown[]>;

describe.runIf(postgres)('infragen generate seed, end to end on PostgreSQL', () => {
  let project: TempProject;
  const prefix = `e2e_seed_${process.pid}_${Date.now()}`;
  const schemas = { first: `${prefix}_a`, second: `${prefix}_b`, other: `${prefix}_c` };
  const urlOf = (schema: string): string => {
    const url = new URL(serviceUrls.database);
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  const base = new URL(serviceUrls.database);
  base.searchParams.delete('schema');
  const admin = new pg.Client({ connectionString: base.toString() });
  const entry = 'src/infrastructure/db/seeds/seed.ts';

  /** The generated entry script run the way `npm run db:seed` runs it, into one schema. */
  const seed = (schema: string, args: readonly string[]) =>
    spawnSync(process.execPath, ['--import', 'jiti/register', entry, ...args], {
      cwd: project.root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: urlOf(schema) },
    });

  /** Every row of every table of a schema (migration bookkeeping left out), in a stable order. */
  const rowsOf = async (schema: string): Promise<Rows> => {
    const tables = await admin.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY table_name`,
      [schema],
    );
    const rows: Rows = {};
    for (const { table_name: table } of tables.rows) {
      rows[table] = (await admin.query(`SELECT * FROM "${schema}"."${table}" ORDER BY 1, 2`)).rows;
    }
    return rows;
  };
  const counts = (rows: Rows) => Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));

  beforeAll(async () => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop');
    await admin.connect();
  });

  afterAll(async () => {
    project?.remove();
    for (const schema of Object.values(schemas)) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('writes a seed module per aggregate after the repositories, and wires the entry into prisma.config.ts and package.json', () => {
    const repo = runCli(['generate', 'repo', '--all'], project.root);
    expect(repo.status, repo.stderr).toBe(0);
    const run = runCli(['generate', 'seed', '--all', '--count', '6'], project.root);
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['customer.seed.ts', 'order.seed.ts', 'product.seed.ts', 'category.seed.ts', 'seed-all.ts', 'seed-helpers.ts', 'seed.ts']) {
      expect(run.stderr).toContain(`create    src/infrastructure/db/seeds/${file}`);
    }
    expect(run.stderr).toContain('seed order: Category (Prisma Client) → Customer → Product (Prisma Client) → Order');
    expect(run.stderr).toContain('update    prisma.config.ts');
    const command = `node --import jiti/register ${entry}`;
    expect(readFileSync(path.join(project.root, 'prisma.config.ts'), 'utf8')).toContain(`seed: '${command}',`);
    const manifest = JSON.parse(readFileSync(path.join(project.root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.scripts['db:seed']).toBe(command);
    expect(manifest.devDependencies).toMatchObject({ '@faker-js/faker': '10.6.0', jiti: '2.7.0' });
    const order = readFileSync(path.join(project.root, 'src/infrastructure/db/seeds/order.seed.ts'), 'utf8');
    expect(order).toContain('await repository.save(order);');
    expect(order).toContain("new CustomerId(pick(refs.customers, 'Order.customerId'))");
  });

  it('type-checks under strict once Prisma Client is generated', () => {
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('migrates three fresh schemas', () => {
    const migration = runCli(['generate', 'migration', 'init'], project.root, { DATABASE_URL: urlOf(schemas.first) });
    expect(migration.status, migration.stderr).toBe(0);
    for (const schema of Object.values(schemas)) {
      const deploy = runCli(['migrate', 'deploy'], project.root, { DATABASE_URL: urlOf(schema) });
      expect(deploy.status, deploy.stderr).toBe(0);
    }
  });

  let firstRows: Rows;

  it('gives identical rows, ids included, for the same --seed in two databases, with the configured counts', async () => {
    const first = seed(schemas.first, ['--seed', '42', '--customers', '9']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('seeded 6 categories, 9 customers, 6 products, 6 orders (--seed 42)');
    const second = seed(schemas.second, ['--seed', '42', '--customers', '9']);
    expect(second.status, second.stderr).toBe(0);
    firstRows = await rowsOf(schemas.first);
    expect(counts(firstRows)).toMatchObject({ categories: 6, customers: 9, products: 6, orders: 6 });
    expect(firstRows['order_lines']!.length).toBeGreaterThanOrEqual(6);
    expect(await rowsOf(schemas.second)).toEqual(firstRows);
  });

  it('is safe to run again: the tables are cleared and the same rows come back', async () => {
    const again = seed(schemas.first, ['--seed', '42', '--customers', '9']);
    expect(again.status, again.stderr).toBe(0);
    expect(await rowsOf(schemas.first)).toEqual(firstRows);
  });

  it('gives other data for another seed', async () => {
    const other = seed(schemas.other, ['--seed', '43', '--customers', '9']);
    expect(other.status, other.stderr).toBe(0);
    const rows = await rowsOf(schemas.other);
    expect(counts(rows)).toMatchObject({ categories: 6, customers: 9, products: 6, orders: 6 });
    const ids = (list: Rows, table: string) => new Set(list[table]!.map((row) => (row as { id: string }).id));
    for (const table of ['customers', 'orders', 'products']) {
      expect([...ids(rows, table)].filter((id) => ids(firstRows, table).has(id))).toEqual([]);
    }
  });

  it('runs as Prisma’s seed command with the counts generated by --count', async () => {
    const run = runBin('prisma', ['db', 'seed', '--', '--seed', '42'], project.root, { ...offlinePrismaEnv(), DATABASE_URL: urlOf(schemas.other) });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('seeded 6 categories, 6 customers, 6 products, 6 orders (--seed 42)');
    const rows = await rowsOf(schemas.other);
    expect(counts(rows)).toMatchObject({ categories: 6, customers: 6, products: 6, orders: 6 });
  });

  it('changes nothing when generated again', () => {
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'seed', '--all', '--count', '6'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/nothing to change/);
    expect(snapshotTree(project.root)).toEqual(before);
  });
});

/** Every row of every table of an embedded database's data folder, bookkeeping left out. */
async function embeddedRows(dataDir: string): Promise<Rows> {
  const db = new PGlite(dataDir);
  try {
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%' ORDER BY table_name`,
    );
    const rows: Rows = {};
    for (const { table_name: table } of tables.rows) rows[table] = (await db.query(`SELECT * FROM "${table}" ORDER BY 1`)).rows;
    return rows;
  } finally {
    await db.close();
  }
}

describe('infragen generate seed in an `infragen init` project, on its embedded database (no service)', () => {
  let parent: string;
  let root: string;
  const seedInto = (dataDir: string, args: readonly string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_DATABASE_DIR: dataDir, NO_COLOR: '1' };
    delete env['DATABASE_URL'];
    return spawnSync('npm', ['run', 'db:seed', '--', ...args], { cwd: root, encoding: 'utf8', env });
  };

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-seed-init-'));
    root = path.join(parent, 'demo');
    const init = runCli(['init', 'demo', '--yes', '--no-install', '--no-git'], parent);
    if (init.status !== 0) throw new Error(`infragen init failed: ${init.stderr}`);
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  }, 120_000);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('replaces the example seed with generated ones, closing the embedded database', () => {
    const run = runCli(['generate', 'seed', '--all', '--count', '4', '--force'], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('update    src/infrastructure/db/seeds/seed.ts');
    const entry = readFileSync(path.join(root, 'src/infrastructure/db/seeds/seed.ts'), 'utf8');
    expect(entry).toContain("import { closeDatabase, createPrismaClient } from '../client.js';");
    const generate = runBin('prisma', ['generate'], root, offlinePrismaEnv());
    expect(generate.status, generate.stderr).toBe(0);
    const tsc = runBin('tsc', ['-p', '.'], root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('fills two embedded databases with identical rows for the same --seed', async () => {
    const [first, second] = [path.join(parent, 'pglite-a'), path.join(parent, 'pglite-b')];
    for (const dataDir of [first, second]) {
      const run = seedInto(dataDir, ['--seed', '5', '--tickets', '6']);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain('seeded 6 tickets (--seed 5)');
    }
    const rows = await embeddedRows(first);
    expect(rows['tickets']).toHaveLength(6);
    expect(rows['comments']!.length).toBeGreaterThanOrEqual(6);
    expect(await embeddedRows(second)).toEqual(rows);
  }, 120_000);
});
