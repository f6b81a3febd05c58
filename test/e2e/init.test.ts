import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rabbitMqConfigFromEnv } from '../../templates/messaging/runtime/messaging/rabbitmq/config.js';
import { deleteGroup, groupTopology } from '../../templates/messaging/runtime/messaging/rabbitmq/topology.js';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { assertBuilt, erasableOnly, offlinePrismaEnv, repoRoot, runBin, runCli } from './support.js';

const postgres = await serviceAvailable('database');
const rabbitmq = await serviceAvailable('amqp');
if (servicesRequired && !(postgres && rabbitmq)) throw new Error('PostgreSQL and RabbitMQ are required (INFRAGEN_REQUIRE_SERVICES=1)');

/** A port nothing listens on, so the generated RabbitMQ acceptance suite finds no broker. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The generated project's own `npm test` (vitest), with the environment given and nothing else of ours. */
function projectTest(root: string, env: NodeJS.ProcessEnv) {
  const clean = { ...process.env };
  for (const name of ['DATABASE_URL', 'AMQP_URL', 'NATS_URL', 'MESSAGING_BROKER', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_OPTIONS']) delete clean[name];
  return spawnSync('npm', ['test', '--', '--reporter=dot'], { cwd: root, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env }, timeout: 280_000 });
}

describe('infragen init demo --yes --broker rabbitmq --no-install --no-git', () => {
  let parent: string;
  let root: string;
  let init: ReturnType<typeof runCli>;

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-init-'));
    root = path.join(parent, 'demo');
    init = runCli(['init', 'demo', '--yes', '--broker', 'rabbitmq', '--no-install', '--no-git'], parent);
  }, 120_000);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('creates the project: domain, application, generated infrastructure, initial migration, and prints the next steps', () => {
    expect(init.status, init.stderr).toBe(0);
    for (const file of [
      'src/domain/ticket/ticket.ts',
      'src/domain/ticket/ticket-repository.ts',
      'src/application/open-ticket.ts',
      'src/application/close-ticket.ts',
      'src/application/read-models/ticket-summary.ts',
      'src/infrastructure/messaging/outbox/relay.ts',
      'src/infrastructure/messaging/outbox/relay-main.ts',
      'src/infrastructure/repos/outbox-events.ts',
      'src/infrastructure/projections/ticket-summary.projector.ts',
      'src/infrastructure/projections/ticket-summary.projection.ts',
      'src/infrastructure/projections/ticket-summary.queries.ts',
      'test/ticket-summary.test.ts',
      'src/infrastructure/repos/prisma-ticket.repository.ts',
      'src/infrastructure/repos/ticket.mapper.ts',
      'src/infrastructure/db/client.ts',
      'src/infrastructure/db/seeds/seed.ts',
      'src/infrastructure/db/migrations/README.md',
      'src/infrastructure/messaging/rabbitmq/broker.ts',
      'src/infrastructure/messaging/memory/in-memory-broker.ts',
      'prisma/schema.prisma',
      'prisma.config.ts',
      'prisma/migrations/migration_lock.toml',
      'tsconfig.json',
      'vitest.config.ts',
      '.env.example',
      '.gitignore',
      'compose.yaml',
      'README.md',
    ]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    const migrations = path.join(root, 'prisma/migrations');
    const initMigration = spawnSync('ls', [migrations], { encoding: 'utf8' }).stdout.split('\n').find((name) => name.endsWith('_init'));
    expect(initMigration).toMatch(/^\d{14}_init$/);
    const sql = readFileSync(path.join(migrations, initMigration!, 'migration.sql'), 'utf8');
    for (const table of ['tickets', 'outbox_events', 'inbox_messages', 'ticket_summaries', 'projection_checkpoints']) {
      expect(sql).toContain(`CREATE TABLE "${table}"`);
    }
    expect(readFileSync(path.join(migrations, initMigration!, 'down.sql'), 'utf8')).toContain('DROP TABLE "tickets"');
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.name).toBe('demo');
    expect(manifest.scripts).toMatchObject({ test: 'vitest run', 'db:migrate': 'infragen migrate deploy', generate: 'infragen generate repo --all && prisma generate' });
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['dev', 'db:seed', 'projection:rebuild:ticket-summary', 'outbox:relay', 'outbox:requeue']));
    // The repository saves the ticket's events to the outbox; the use cases only save.
    expect(readFileSync(path.join(root, 'src/infrastructure/repos/prisma-ticket.repository.ts'), 'utf8')).toContain('appendAggregateEvents');
    expect(readFileSync(path.join(root, 'src/application/open-ticket.ts'), 'utf8')).not.toContain('publishAll');
    // Every handler of the example's projector was inferred: none is left to fill.
    expect(readFileSync(path.join(root, 'src/infrastructure/projections/ticket-summary.projector.ts'), 'utf8')).not.toContain('throw new Error');
    expect(init.stderr).not.toMatch(/IG805|next: run/);
    expect(manifest.dependencies).toMatchObject({ amqplib: expect.any(String), 'pglite-prisma-adapter': expect.any(String), '@electric-sql/pglite': expect.any(String) });
    expect(readFileSync(path.join(root, 'compose.yaml'), 'utf8')).toMatch(/postgres:[\s\S]*rabbitmq:/);
    expect(existsSync(path.join(root, '.git'))).toBe(false);
    expect(init.stderr).toContain('Next steps:');
    expect(init.stderr).toContain('cd demo');
  });

  it('type-checks under strict once Prisma Client is generated (node_modules linked, nothing installed)', () => {
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const generate = runBin('prisma', ['generate'], root, offlinePrismaEnv());
    expect(generate.status, generate.stderr).toBe(0);
    const tsc = runBin('tsc', ['--noEmit', '-p', '.'], root);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('type-checks with erasableSyntaxOnly added to its tsconfig: no parameter properties or enums', () => {
    const erasableConfig = path.join(root, 'tsconfig.erasable.json');
    writeFileSync(erasableConfig, JSON.stringify({ extends: './tsconfig.json', compilerOptions: erasableOnly }));
    try {
      const tsc = runBin('tsc', ['--noEmit', '-p', 'tsconfig.erasable.json'], root);
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(erasableConfig);
    }
  }, 120_000);

  it("is what infragen's generators write: generate repo, generate events, add outbox and generate projection change nothing", () => {
    const projection = ['generate', 'projection', 'TicketSummary', '--from', 'TicketOpened', 'TicketClosed'];
    for (const args of [['generate', 'repo', '--all'], ['generate', 'events'], ['add', 'outbox'], projection]) {
      const run = runCli(args, root);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('nothing to change');
    }
  }, 120_000);

  it('runs its seed and its app on the embedded database, which migrates itself on first use', () => {
    const env = { EMBEDDED_DATABASE_DIR: path.join(root, '.data/e2e') };
    const seed = runBin('jiti', ['src/infrastructure/db/seeds/seed.ts'], root, env);
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('seeded 3 tickets');
    const app = runBin('jiti', ['src/main.ts'], root, { ...env, MESSAGING_BROKER: 'memory' });
    expect(app.status, app.stderr).toBe(0);
    expect(app.stdout).toContain('notifier: ticket "The printer is on fire" was opened (urgent)');
    // Command → outbox → relay → broker → projection → query: the read model shows the ticket, then its closing.
    expect(app.stdout).toMatch(/read model: \{"ticketId":"[0-9a-f-]{36}","title":"The printer is on fire","priority":"urgent"\}\n/);
    expect(app.stdout).toMatch(/read model: \{"ticketId":"[0-9a-f-]{36}","title":"The printer is on fire","priority":"urgent","closedAt":"[^"]+"\}\n/);
    expect(app.stdout).toContain('urgent tickets: 2 (read model: 2)'); // one seeded, one just opened: the data persisted, the seeded events relayed
  }, 120_000);

  it("passes its own npm test with no service: embedded PostgreSQL, in-memory broker", async () => {
    const run = projectTest(root, { AMQP_URL: `amqp://guest:guest@127.0.0.1:${await closedPort()}`, MESSAGING_BROKER: 'memory' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(run.stdout).toMatch(/Test Files\s+\d+ passed/);
    expect(run.stdout).toContain('skipped'); // the RabbitMQ acceptance suite, with no broker to run on
  }, 300_000);

  describe.runIf(postgres && rabbitmq)('on the local PostgreSQL and RabbitMQ', () => {
    const schemaName = scratchSchemaName('e2e_init');
    // An exchange of its own: the projection's queue (named from the exchange and its group) is not shared with other runs.
    const env = { DATABASE_URL: schemaUrl(schemaName), AMQP_URL: serviceUrls.amqp, AMQP_EXCHANGE: `${schemaName}-events` };

    afterAll(async () => {
      await dropSchemas(schemaName);
      // The projection's queues and the exchange this run declared (the tests' own groups are named by the clock).
      const connection = await connect(serviceUrls.amqp);
      const channel = await connection.createChannel();
      await deleteGroup(channel, groupTopology(env.AMQP_EXCHANGE, 'ticket-summary', rabbitMqConfigFromEnv({}).retry));
      await channel.deleteExchange(env.AMQP_EXCHANGE);
      await connection.close();
    });

    it('db:migrate (infragen migrate deploy) applies the initial migration, then npm test passes on the real services', () => {
      const deploy = runCli(['migrate', 'deploy'], root, env);
      expect(deploy.status, deploy.stderr).toBe(0);
      expect(deploy.stderr).toMatch(/applied \d{14}_init/);
      const run = projectTest(root, env);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Tests\s+\d+ passed/);
    }, 300_000);
  });
});

describe('infragen init plain --yes --no-outbox: the project without the outbox, as before it', () => {
  let parent: string;
  let root: string;
  let init: ReturnType<typeof runCli>;

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-init-plain-'));
    root = path.join(parent, 'plain');
    init = runCli(['init', 'plain', '--yes', '--no-outbox', '--no-install', '--no-git'], parent);
  }, 120_000);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('has no outbox, inbox or read model; its use cases publish after saving', () => {
    expect(init.status, init.stderr).toBe(0);
    const outboxFiles = [
      'src/infrastructure/messaging/outbox',
      'src/infrastructure/projections',
      'src/application/read-models',
      'src/infrastructure/repos/outbox-events.ts',
      'test/ticket-summary.test.ts',
    ];
    for (const file of outboxFiles) {
      expect(existsSync(path.join(root, file)), file).toBe(false);
    }
    expect(readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8')).not.toMatch(/OutboxEvent|InboxMessage|TicketSummary/);
    expect(readFileSync(path.join(root, 'src/application/open-ticket.ts'), 'utf8')).toContain('await this.events.publishAll(ticket.pullDomainEvents());');
    expect(readFileSync(path.join(root, 'src/infrastructure/repos/prisma-ticket.repository.ts'), 'utf8')).not.toContain('outbox');
  });

  // Its tests are the default project's without the outbox's; they are not run again here, to keep this file fast.
  it('type-checks under strict', () => {
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    expect(runBin('prisma', ['generate'], root, offlinePrismaEnv()).status).toBe(0);
    const tsc = runBin('tsc', ['--noEmit', '-p', '.'], root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 180_000);
});
