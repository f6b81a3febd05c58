import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import {
  assertBuilt,
  failuresOf,
  runProjectTests,
  createTempProject,
  generateClientAndTypeCheck,
  repoRoot,
  runCli,
  strictTsconfig,
  type TempProject,
} from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

describe.runIf(postgres)('generate repo for versioned aggregates: optimistic concurrency and batched children, end to end on PostgreSQL', () => {
  let project: TempProject;
  const schemaName = scratchSchemaName('e2e_concurrency');
  const env = { DATABASE_URL: schemaUrl(schemaName) };
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/carts', { 'tsconfig.json': strictTsconfig() });
  });
  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('adds a version column to the versioned cart only, and generates repositories that type-check under strict', () => {
    const run = runCli(['generate', 'repo', '--all', '--migration', 'carts'], project.root, env);
    expect(run.status, run.stderr).toBe(0);
    const schema = read('prisma/schema.prisma');
    expect(schema).toMatch(/model Cart \{[^}]*\n {2}version +Int +@default\(0\)\n/);
    expect(schema).toMatch(/model Account \{[^}]*\n {2}revision +Int\n/);
    expect(schema).not.toMatch(/model Shelf \{[^}]*version/);
    const migration = readdirSync(path.join(project.root, 'prisma/migrations')).find((name) => name.endsWith('_carts'));
    expect(read(`prisma/migrations/${migration}/migration.sql`)).toMatch(/"version" INTEGER NOT NULL DEFAULT 0/);
    expect(read('src/infrastructure/repos/prisma-shelf.repository.ts')).not.toMatch(/version|ConcurrencyConflict/i);
    cpSync(path.join(repoRoot, 'test/fixtures/checks/cart-concurrency.test.ts'), path.join(project.root, 'test/cart-concurrency.test.ts'));
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('gives concurrent saves a typed conflict, round-trips children and writes them in a constant number of statements', () => {
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
    const { outcomes } = runProjectTests(project.root, 'test/cart-concurrency.test.ts', env);
    expect(failuresOf(outcomes)).toEqual([]);
    expect(outcomes).toHaveLength(15);
  }, 120_000);
});
