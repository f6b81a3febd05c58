import { cpSync, readFileSync } from 'node:fs';
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
  type TempProject,
  strictTsconfig,
} from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

const repository = 'src/infrastructure/repos/prisma-invoice.repository.ts';

describe.runIf(postgres)('generate repo with the outbox: events saved with the aggregate, end to end on PostgreSQL', () => {
  let project: TempProject;
  const schemaName = scratchSchemaName('e2e_save_outbox');
  const env = { DATABASE_URL: schemaUrl(schemaName) };
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/invoices', { 'tsconfig.json': strictTsconfig() });
  });
  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('generates a save that writes the events in the aggregate’s transaction, and type-checks under strict', () => {
    for (const args of [
      ['add', 'messaging', '--broker', 'rabbitmq'],
      ['add', 'outbox', '--migration', 'add-outbox'],
      ['generate', 'repo', '--all', '--migration', 'invoices'],
    ]) {
      const run = runCli(args, project.root, env);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(read('prisma/schema.prisma')).toMatch(/model OutboxEvent \{[\s\S]*model Invoice \{/);
    const text = read(repository);
    expect(text).toContain('const events = [...invoice.domainEvents];');
    expect(text).toContain('invoice.clearEvents();');
    expect(text).toContain('await appendAggregateEvents(db, events,');
    expect(read('src/infrastructure/repos/prisma-credit-note.repository.ts')).toContain("for (const event of events) note['record'](event);");
    cpSync(path.join(repoRoot, 'test/fixtures/checks/invoice-outbox.test.ts'), path.join(project.root, 'test/invoice-outbox.test.ts'));
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('commits the invoice and its outbox rows together, and a failed save leaves neither, with the events still pending', () => {
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
    const { outcomes } = runProjectTests(project.root, 'test/invoice-outbox.test.ts', env);
    expect(failuresOf(outcomes)).toEqual([]);
    expect(outcomes).toHaveLength(7);
  }, 120_000);
});
