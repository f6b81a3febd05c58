import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { assertBuilt, failuresOf, runProjectTests, createTempProject, generateClientAndTypeCheck, repoRoot, runBin, runCli, snapshotTree, type TempProject } from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

describe.runIf(postgres)('infragen generate repo, end to end on PostgreSQL', () => {
  let project: TempProject;
  const schemaName = scratchSchemaName('e2e_repo');
  const env = { DATABASE_URL: schemaUrl(schemaName) };

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop', {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
        include: ['src', 'test'],
      }),
    });
  });

  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('generates repositories for the aggregates, notes the child, and lists what it skipped', () => {
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('create    src/infrastructure/repos/prisma-order.repository.ts');
    expect(run.stderr).toContain('create    src/infrastructure/repos/prisma-customer.repository.ts');
    expect(run.stderr).toContain('create    src/infrastructure/db/client.ts');
    expect(run.stderr).toMatch(/OrderLine is saved and loaded through its aggregate Order/);
    expect(run.stderr).toMatch(/product\.ts:\d+:\d+ warning IG401: skipped the Product repository/);
    const repository = readFileSync(path.join(project.root, 'src/infrastructure/repos/prisma-order.repository.ts'), 'utf8');
    expect(repository).toContain('export class PrismaOrderRepository implements OrderRepository {');
    expect(repository).toContain("import type { OrderRepository } from '../../domain/order/order-repository.js';");
    expect(readFileSync(path.join(project.root, 'package.json'), 'utf8')).toContain('"@prisma/adapter-pg"');
  });

  it('type-checks under strict once Prisma Client is generated', () => {
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('creates the tables from SQL written by Prisma’s schema engine', () => {
    const migration = runCli(['generate', 'migration', 'init'], project.root, env);
    expect(migration.status, migration.stderr).toBe(0);
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
  });

  it('passes a suite that calls every generated method against the database', () => {
    cpSync(path.join(repoRoot, 'test/fixtures/checks/shop-repositories.test.ts'), path.join(project.root, 'test/shop-repositories.test.ts'));
    const { run, outcomes } = runProjectTests(project.root, 'test', env);
    expect(failuresOf(outcomes)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(run.status).toBe(0);
  });

  it('writes the project its own repository tests (with generate seed), and they pass on the database', () => {
    const seed = runCli(['generate', 'seed', '--all'], project.root);
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stderr).toContain('create    test/repos/repositories.test.ts');
    const tsc = runBin('tsc', ['-p', '.'], project.root);
    expect(tsc.stdout + tsc.stderr).toBe('');
    const { outcomes } = runProjectTests(project.root, 'test/repos', env);
    expect(failuresOf(outcomes, (status) => status === 'failed')).toEqual([]);
    const names = outcomes.filter((outcome) => outcome.status === 'passed').map((outcome) => outcome.fullName);
    for (const method of ['findByEmail', 'existsByEmail', 'findAllByTierAndCreatedAtBetween', 'findAllByStatus', 'findAllByCustomerIdOrderByPlacedAtDesc', 'countByStatus']) {
      expect(names.some((name) => name.includes(method))).toBe(true);
    }
    expect(names.filter((name) => name.includes('pages through every'))).toHaveLength(2);
  });

  it('changes nothing when run again', () => {
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/nothing to change/);
    expect(snapshotTree(project.root)).toEqual(before);
  });
});
