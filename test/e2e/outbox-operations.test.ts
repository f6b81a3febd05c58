import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runCli, type TempProject } from './support.js';

const postgres = await serviceAvailable('database');
const rabbit = await serviceAvailable('amqp');
if ((!postgres || !rabbit) && servicesRequired) throw new Error('PostgreSQL and RabbitMQ are required (INFRAGEN_REQUIRE_SERVICES=1)');

/** What a user's use case does: place orders through the generated repository, whose save writes their events to the outbox. */
const placeOrders = `import { database, disconnectDatabase } from './infrastructure/db/client.js';
import { PrismaOrderRepository } from './infrastructure/repos/prisma-order.repository.js';
import { Order } from './domain/order/order.js';

const repository = new PrismaOrderRepository(database());
const count = Number(process.argv[2]);
for (let index = 0; index < count; index += 1) await repository.save(Order.place(\`order-\${index}\`, index * 10));
await disconnectDatabase();
`;

describe.runIf(postgres && rabbit)('the generated relay process and outbox commands, on PostgreSQL and RabbitMQ', () => {
  let project: TempProject;
  let relay: ChildProcess | undefined;
  const schemaName = scratchSchemaName('e2e_outbox_ops');
  const exchange = `e2e-outbox-ops-${process.pid}-${Date.now()}`;
  const env = { DATABASE_URL: schemaUrl(schemaName), MESSAGING_BROKER: 'rabbitmq', AMQP_URL: serviceUrls.amqp, AMQP_EXCHANGE: exchange };
  const scripts = () => (JSON.parse(readFileSync(path.join(project.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  /** `npm run <script> -- <args>`, without npm: node and the script's arguments. */
  const scriptArgs = (name: string, ...args: string[]) => {
    const [node, ...rest] = scripts()[name]!.split(' ');
    expect(node).toBe('node');
    return [...rest, ...args];
  };
  const runScript = (name: string, ...args: string[]) =>
    spawnSync(process.execPath, scriptArgs(name, ...args), { cwd: project.root, encoding: 'utf8', env: { ...process.env, ...env } });

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/erasable');
  });
  afterAll(async () => {
    relay?.kill('SIGKILL');
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('add outbox plans the relay process, the admin command and their scripts, which type-check', () => {
    for (const args of [
      ['add', 'messaging', '--broker', 'rabbitmq'],
      ['add', 'outbox', '--migration', 'add-outbox'],
      ['generate', 'repo', '--all', '--migration', 'orders'],
    ]) {
      const run = runCli(args, project.root, env);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(Object.keys(scripts())).toEqual(['outbox:relay', 'outbox:stats', 'outbox:dead', 'outbox:requeue', 'outbox:purge']);
    writeFileSync(path.join(project.root, 'src/place-orders.ts'), placeOrders);
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
  });

  it('npm run outbox:relay relays the saved events to RabbitMQ, reports what waits, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const connection = await amqp.connect(serviceUrls.amqp);
    const received = new Set<string>();
    try {
      const channel = await connection.createChannel();
      await channel.assertExchange(exchange, 'topic', { durable: true });
      const { queue } = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(queue, exchange, '#');
      await channel.consume(queue, (message) => void (message && received.add(String(message.properties.headers?.['message-id']))), { noAck: true });

      let stdout = '';
      let stderr = '';
      relay = spawn(process.execPath, scriptArgs('outbox:relay'), {
        cwd: project.root,
        env: { ...process.env, ...env, OUTBOX_REPORT_INTERVAL_MS: '200' },
      });
      relay.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      relay.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const waitFor = async (what: string, done: () => boolean) => {
        const deadline = Date.now() + 30_000;
        while (!done()) {
          if (Date.now() > deadline || relay!.exitCode !== null) throw new Error(`${what}: not in time\nstdout: ${stdout}\nstderr: ${stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await waitFor('the relay started', () => stdout.includes('started (woken by NOTIFY'));

      const place = spawnSync(process.execPath, ['--import', 'jiti/register', 'src/place-orders.ts', '25'], {
        cwd: project.root,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      expect(place.status, place.stderr).toBe(0);
      await waitFor('25 events on the exchange', () => received.size === 25);
      await waitFor('a report with nothing pending', () => /pending 0, dead 0, lag 0 ms; published 25,/.test(stdout));

      const outbox = new pg.Client({ connectionString: serviceUrls.database });
      await outbox.connect();
      try {
        const rows = await outbox.query<{ event_id: string }>(`SELECT event_id FROM "${schemaName}".outbox_events WHERE published_at IS NOT NULL`);
        expect(new Set(rows.rows.map((row) => row.event_id))).toEqual(received);
      } finally {
        await outbox.end();
      }

      const exited = once(relay, 'exit');
      relay.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^outbox relay \S+ stopped$/);
    } finally {
      await connection.close();
    }
  });

  it('npm run outbox:stats, outbox:dead, outbox:requeue and outbox:purge operate on the project database', async () => {
    const sql = new pg.Client({ connectionString: serviceUrls.database });
    await sql.connect();
    try {
      await sql.query(
        `UPDATE "${schemaName}".outbox_events SET published_at = NULL, dead_at = now(), attempts = 10, last_error = 'broker down' WHERE aggregate_id = 'order-3'`,
      );
    } finally {
      await sql.end();
    }
    const stats = runScript('outbox:stats');
    expect(stats.status, stats.stderr).toBe(0);
    expect(stats.stdout).toBe('pending 0, dead 1, lag 0 ms\n');
    const dead = runScript('outbox:dead', '--json');
    expect(dead.status, dead.stderr).toBe(0);
    expect(JSON.parse(dead.stdout)).toMatchObject([
      { eventType: expect.any(String), aggregateType: 'Order', aggregateId: 'order-3', attempts: 10, lastError: 'broker down' },
    ]);
    const requeue = runScript('outbox:requeue', '--all');
    expect(requeue.status, requeue.stderr).toBe(0);
    expect(requeue.stdout).toBe('requeued 1 dead event\n');
    expect(runScript('outbox:stats', '--json').stdout).toMatch(/^\{"pending":1,"dead":0,"lagMs":\d+(\.\d+)?\}\n$/);
    const purge = runScript('outbox:purge', '--published', '--older-than', '0s');
    expect(purge.status, purge.stderr).toBe(0);
    // Each order has one event, its last: nothing may go.
    expect(purge.stdout).toBe('purged 0 dead and 0 published events\n');
  });
});
