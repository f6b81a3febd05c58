import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
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
  runBin,
  runCli,
  snapshotTree,
  type TempProject,
  strictTsconfig,
} from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

const projector = 'src/infrastructure/projections/ticket-summary.projector.ts';

describe.runIf(postgres)('infragen generate projection, end to end on PostgreSQL', () => {
  let project: TempProject;
  const schemaName = scratchSchemaName('e2e_projection');
  const env = { DATABASE_URL: schemaUrl(schemaName) };
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/tickets', { 'tsconfig.json': strictTsconfig() });
  });
  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('refuses before add outbox, and writes nothing', () => {
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'projection', 'TicketSummary', '--from', 'TicketOpened'], project.root, env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('IG806');
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('writes the table, its migration, the projector, the wiring and the query repository, and lists the handler to fill', () => {
    for (const args of [
      ['add', 'messaging', '--broker', 'rabbitmq'],
      ['add', 'outbox', '--migration', 'add-outbox'],
    ]) {
      const run = runCli(args, project.root, env);
      expect(run.status, run.stderr).toBe(0);
    }
    const run = runCli(
      ['generate', 'projection', 'TicketSummary', '--from', 'TicketOpened', 'TicketRenamed', 'TicketCommented', '--migration', 'add-ticket-summary'],
      project.root,
      env,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/events\.ts:\d+:\d+ warning IG805: TicketSummary projection: the handler of TicketCommented is generated as a place to fill/);
    expect(run.stderr).toContain('ticketSummaryProjector.onTicketOpened: inferred (upsert of title, status, assignee)');
    expect(run.stderr).toContain('ticketSummaryProjector.onTicketRenamed: inferred (update of title)');
    expect(read('prisma/schema.prisma')).toContain('model TicketSummary {');
    const migration = /create {4}(prisma\/migrations\/\d+_add_ticket_summary)\/migration\.sql/.exec(run.stderr)?.[1];
    expect(migration).toBeDefined();
    const sql = read(`${migration}/migration.sql`);
    expect(sql).toContain('CREATE TABLE "ticket_summaries"');
    expect(sql).toContain('CREATE TABLE "projection_checkpoints"');
    expect(sql).not.toContain('outbox_events');
    expect(read(projector)).toContain('TODO(infragen): TicketCommented carries none of');
  });

  it('type-checks under strict with the handler still to fill, and again once it is written', () => {
    const first = generateClientAndTypeCheck(project.root);
    expect(first.prisma.status, first.prisma.stderr).toBe(0);
    expect(first.tsc.stdout + first.tsc.stderr).toBe('');
    // What the user writes in place of the marked body.
    const written = read(projector).replace(
      /throw new Error\([\s\S]*?\);\n/,
      'await tx.ticketSummary.updateMany({ where: { ticketId: event.ticketId }, data: { commentCount: { increment: 1 }, lastComment: event.body } });\n',
    );
    expect(written).not.toContain('throw new Error');
    writeFileSync(path.join(project.root, projector), written);
    cpSync(path.join(repoRoot, 'test/fixtures/checks/ticket-projection.test.ts'), path.join(project.root, 'test/ticket-projection.test.ts'));
    const tsc = runBin('tsc', ['-p', '.'], project.root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('projects events relayed from the outbox exactly once, and a rebuild equals the live read model', () => {
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
    const { outcomes } = runProjectTests(project.root, 'test/ticket-projection.test.ts', env);
    expect(failuresOf(outcomes)).toEqual([]);
    expect(outcomes.map((outcome) => outcome.fullName)).toEqual([
      'the TicketSummary projection projects the events the relay publishes, each once',
      'the TicketSummary projection changes nothing when an event is delivered again',
      'the TicketSummary projection rebuilds from the retained events to what the live projection holds',
    ]);
  }, 120_000);

  it('rebuilds through the generated script: the read model as it was, from every retained event', async () => {
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.dependencies['@prisma/adapter-pg']).toMatch(/^\d+\.\d+\.\d+$/);
    const [node, ...args] = manifest.scripts['projection:rebuild:ticket-summary']!.split(' ');
    expect(node).toBe('node');
    const summaries = async () => {
      const client = new pg.Client({ connectionString: serviceUrls.database });
      await client.connect();
      try {
        return (await client.query(`SELECT * FROM "${schemaName}".ticket_summaries ORDER BY ticket_id`)).rows;
      } finally {
        await client.end();
      }
    };
    const live = await summaries();
    expect(live).toHaveLength(20);
    const run = spawnSync(process.execPath, args, { cwd: project.root, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ticket-summary: rebuilt from 38 events \(last [0-9a-f-]{36}\)\n$/);
    expect(await summaries()).toEqual(live);
  });

  it('keeps the written handler when generated again, and the projection runtime when the messaging layer is regenerated', () => {
    const runtime = read('src/infrastructure/messaging/projections/projection.ts');
    const events = runCli(['generate', 'events'], project.root, env);
    expect(events.status, events.stderr).toBe(0);
    expect(read('src/infrastructure/messaging/projections/projection.ts')).toBe(runtime);
    const written = read(projector);
    const again = runCli(['generate', 'projection', 'TicketSummary', '--from', 'TicketOpened', 'TicketRenamed', 'TicketCommented'], project.root, env);
    expect(again.status, again.stderr).toBe(0);
    expect(read(projector)).toBe(written);
  });
});
