// The outbox relay and the inbox on the local PostgreSQL (a scratch schema whose tables come from the SQL the
// migration engine writes for the outbox models), with the in-memory broker and RabbitMQ (skipped when down).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { memoryHarness } from '../../../templates/messaging/runtime/acceptance/memory.harness.js';
import { natsHarness } from '../../../templates/messaging/runtime/acceptance/nats.harness.js';
import { rabbitMqHarness } from '../../../templates/messaging/runtime/acceptance/rabbitmq.harness.js';
import { waitFor } from '../../../templates/messaging/runtime/acceptance/acceptance-steps.js';
import type { BrokerHarness, HarnessBroker } from '../../../templates/messaging/runtime/acceptance/harness.js';
import { probe, probeCatalog } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { deadEvents, outboxStats, requeueDeadEvents } from '../../../templates/messaging/runtime/messaging/outbox/outbox-admin.js';
import { handleOnce } from '../../../templates/messaging/runtime/messaging/outbox/inbox.js';
import { outboxTables, type SqlClient } from '../../../templates/messaging/runtime/messaging/outbox/sql-client.js';
import { appendToOutbox, outboxRecord } from '../../../templates/messaging/runtime/messaging/outbox/outbox-writer.js';
import { postgresNotifications } from '../../../templates/messaging/runtime/messaging/outbox/notifications.js';
import { OutboxRelay, type OutboxRelayOptions } from '../../../templates/messaging/runtime/messaging/outbox/relay.js';
import { OutboxStore, type ClaimedEvent } from '../../../templates/messaging/runtime/messaging/outbox/outbox-store.js';
import type { ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { outboxRelayFromEnv, runOutboxRelay } from '../../../templates/messaging/runtime/messaging/outbox/relay-from-env.js';
import { BrokerUnavailableError, MessagingConfigError } from '../../../templates/messaging/runtime/messaging/shared/errors.js';
import { defaultShutdownTimeoutMs } from '../../../templates/messaging/runtime/messaging/shared/shutdown.js';
import { openOutboxDatabase, type OutboxTestDatabase, type TestPrisma } from '../support/outbox-database.js';
import {
  aggregateType,
  byAggregate,
  inOrder,
  probeEvents,
  projectionDdl,
  Projector,
  recordingPublisher,
  writeToOutbox,
  type PublishedEvent,
} from '../support/outbox-steps.js';
import { kafkaBrokers, serviceAvailable, serviceUrls } from '../../support/services.js';
import { spawnRelayWorker } from '../support/relay-process.js';

const postgresUp = await serviceAvailable('database');
const rabbitUp = await serviceAvailable('amqp');
const natsUp = await serviceAvailable('nats');
const kafkaUp = await serviceAvailable('kafka');
// The Kafka harness reads KAFKA_BROKERS when it is loaded.
process.env.KAFKA_BROKERS = kafkaBrokers;
const { kafkaHarness } = await import('../../../templates/messaging/runtime/acceptance/kafka.harness.js');
const harnesses: BrokerHarness[] = [
  memoryHarness,
  ...(rabbitUp ? [rabbitMqHarness] : []),
  ...(natsUp ? [natsHarness] : []),
  ...(kafkaUp ? [kafkaHarness] : []),
];
const noRetry = { maxAttempts: 1, baseDelayMs: 0, factor: 1, maxDelayMs: 0 };
/** How long a relay may take to publish a handful of events on a loaded machine: a bound on liveness only. */
const relayLivenessMs = 20_000;
/** The embedded PGlite runs in the test's own process, on the CPU the load takes: a liveness bound for 200 events through it. */
const embeddedLivenessMs = 45_000;
/** A poll so rare that what a relay publishes sooner came on a NOTIFY. */
const notifyOnlyPollMs = 60_000;
/** How long a NOTIFY may take to bring a relay round on a loaded machine: a liveness bound, well under `notifyOnlyPollMs`. */
const notifyLivenessMs = 30_000;

describe.skipIf(!postgresUp)('outbox relay and inbox', () => {
  let db: OutboxTestDatabase;
  let prisma: TestPrisma;
  let projection: string;
  const cleanups: (() => Promise<unknown>)[] = [];
  const later = <T extends { stop?(o?: object): Promise<void>; dispose?(): Promise<void> }>(thing: T): T => {
    cleanups.push(() => (thing.stop ? thing.stop({ timeoutMs: 2_000 }) : thing.dispose!()));
    return thing;
  };

  beforeAll(async () => {
    db = await openOutboxDatabase('outbox');
    prisma = await db.connect();
    await db.sql(projectionDdl);
    projection = `"${db.schema}"."projection"`;
  }, 90_000);
  afterAll(async () => db?.close());
  beforeEach(async () => {
    await db.sql('TRUNCATE outbox_events, inbox_messages, projection');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  async function broker(harness: BrokerHarness, retry = noRetry): Promise<HarnessBroker> {
    return later(await harness.create({ retry, prefetch: 20 }));
  }

  function relay(
    options: Partial<OutboxRelayOptions<ProbeEvent>> & Pick<OutboxRelayOptions<ProbeEvent>, 'publisher'>,
    database: TestPrisma = prisma,
  ): OutboxRelay<ProbeEvent> {
    return later(new OutboxRelay({ database, tables: db.tables, catalog: probeCatalog, pollIntervalMs: 50, ...options }));
  }

  const notifications = () => postgresNotifications({ connectionString: db.url, channel: db.tables.channel });
  const count = async (sql: string) => Number((await db.sql<{ n: string }>(sql))[0]?.n);

  describe.each(harnesses)('on $name', (harness) => {
    test('1,000 events are relayed and projected exactly once', { timeout: 60_000 }, async () => {
      const { broker: bus } = await broker(harness);
      const projector = new Projector(bus, prisma, db.tables, projection, 'exactly-once');
      await later(projector.consumer).start();
      const published: PublishedEvent[] = [];
      await relay({ publisher: recordingPublisher(bus.publisher(), 'relay', published), notifications: notifications() }).start();

      await writeToOutbox(prisma, db.tables, probeEvents(1_000, 20));
      await waitFor(async () => (await count('SELECT count(*) AS n FROM projection')) >= 1_000, '1,000 projected events', 40_000);

      expect(await count('SELECT count(*) AS n FROM projection')).toBe(1_000);
      expect(await count('SELECT count(DISTINCT sequence) AS n FROM projection')).toBe(1_000);
      expect(await count(`SELECT count(*) AS n FROM inbox_messages WHERE consumer = 'exactly-once'`)).toBe(1_000);
      expect(published).toHaveLength(1_000);
      expect(await outboxStats(prisma, db.tables)).toMatchObject({ pending: 0, dead: 0, lagMs: 0 });
      expect(inOrder(projector.received.values())).toBe(true);
    });

    test('two relays at once publish each aggregate in order, and share the work', { timeout: 60_000 }, async () => {
      const { broker: bus } = await broker(harness);
      const projector = new Projector(bus, prisma, db.tables, projection, 'two-relays');
      await later(projector.consumer).start();
      const published: PublishedEvent[] = [];
      const slow = (name: string) => {
        const inner = recordingPublisher(bus.publisher(), name, published);
        return {
          ...inner,
          publish: async (event: ProbeEvent, options?: object) => (
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3)),
            inner.publish(event, options)
          ),
        };
      };
      const other = await db.connect();
      // A backlog the two compete for from the start, then events arriving while they run.
      await writeToOutbox(prisma, db.tables, probeEvents(400, 12), 50);
      await Promise.all([
        relay({ publisher: slow('first'), batchSize: 7, notifications: notifications() }).start(),
        relay({ publisher: slow('second'), batchSize: 7, notifications: notifications() }, other).start(),
      ]);
      await writeToOutbox(prisma, db.tables, probeEvents(200, 12, 400), 6);
      await waitFor(async () => (await count('SELECT count(*) AS n FROM projection')) >= 600, '600 projected events', 40_000);

      expect(published).toHaveLength(600);
      expect(inOrder(byAggregate(published).values())).toBe(true);
      expect(inOrder(projector.received.values())).toBe(true);
      expect(published.filter((entry) => entry.by === 'first').length).toBeGreaterThan(0);
      expect(published.filter((entry) => entry.by === 'second').length).toBeGreaterThan(0);
      expect(await count('SELECT count(*) AS n FROM projection')).toBe(600);
    });

    test.skipIf(harness === memoryHarness)(
      'a broker that stops answering, then drops the connection, while the relay publishes: it retries, resumes, and loses nothing',
      { timeout: 90_000 },
      async () => {
        // Deliveries cut off unsettled count as attempts on quorum queues and JetStream: leave room for them.
        const bus = await broker(harness, { maxAttempts: 10, baseDelayMs: 50, factor: 2, maxDelayMs: 1_000 });
        const projector = new Projector(bus.broker, prisma, db.tables, projection, 'cut');
        await later(projector.consumer).start();
        const published: PublishedEvent[] = [];
        const inner = recordingPublisher(bus.broker.publisher(), 'relay', published);
        const relaying = relay({
          publisher: { ...inner, publish: async (event, options) => (await new Promise((resolve) => setTimeout(resolve, 2)), inner.publish(event, options)) },
          notifications: notifications(),
          maxAttempts: 50,
          retryBackoff: { baseDelayMs: 50, maxDelayMs: 500 },
        });
        await writeToOutbox(prisma, db.tables, probeEvents(600, 12), 50);
        await relaying.start();
        await waitFor(() => published.length >= 100, '100 events published', 30_000);
        if (bus.holdConnections) {
          // The broker stops answering first: publishes time out unconfirmed, and the relay counts failed attempts.
          bus.holdConnections();
          await waitFor(() => relaying.metrics().failedAttempts > 0, 'a publish failed for want of a confirm', 30_000);
        }
        await bus.cutConnections!();
        await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'the outbox drained after the cut', 60_000);
        await waitFor(async () => (await count('SELECT count(*) AS n FROM projection')) >= 600, '600 projected events', 30_000);

        expect(await count('SELECT count(*) AS n FROM projection')).toBe(600);
        expect(await count('SELECT count(DISTINCT sequence) AS n FROM projection')).toBe(600);
        expect((await outboxStats(prisma, db.tables)).dead).toBe(0);
        expect(inOrder(byAggregate(published).values())).toBe(true);
        if (bus.holdConnections) expect(relaying.metrics().failedAttempts).toBeGreaterThan(0);
      },
    );

    test.skipIf(harness.workerModule === undefined)(
      'a relay killed with SIGKILL mid-batch, three times, loses nothing; the inbox absorbs what it published twice',
      { timeout: 120_000 },
      async () => {
        const bus = await broker(harness, { maxAttempts: 10, baseDelayMs: 50, factor: 2, maxDelayMs: 1_000 });
        const projector = new Projector(bus.broker, prisma, db.tables, projection, 'crash');
        await later(projector.consumer).start();
        await writeToOutbox(prisma, db.tables, probeEvents(1_500, 30), 100);
        const workerEnv = {
          ...bus.workerEnv!('crash'),
          WORKER_MODULE: harness.workerModule!,
          OUTBOX_CLIENT_MODULE: db.clientModule,
          OUTBOX_SCHEMA: db.schema,
          DATABASE_URL: serviceUrls.database,
          // 100 events a batch at 3 ms each: a batch takes 0.3 s, and is recorded as published only at its end.
          RELAY_PUBLISH_DELAY_MS: '3',
          RELAY_BATCH: '100',
          RELAY_LEASE_MS: '1500',
          // From its 150th confirm on, each worker's publishes hang: its second batch is published in part, never recorded.
          RELAY_HALT_AFTER: '150',
        };
        const killedAt: number[] = [];
        for (let kill = 0; kill < 3; kill++) {
          const worker = spawnRelayWorker(workerEnv);
          cleanups.push(async () => worker.child.kill('SIGKILL'));
          await worker.ready;
          // Killed in its second batch: the first is recorded, the second published in part and not recorded.
          await waitFor(() => worker.halted(), 'the relay worker halted in its second batch', 30_000);
          worker.child.kill('SIGKILL');
          await worker.exited;
          killedAt.push(worker.published());
        }
        expect(await count('SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL')).toBeGreaterThan(0);

        // A relay started after the killed ones' leases ran out takes over what they left.
        const survivor = relay({ publisher: bus.broker.publisher(), notifications: notifications() });
        await survivor.start();
        await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'the outbox drained', 60_000);
        await waitFor(async () => (await count('SELECT count(*) AS n FROM projection')) >= 1_500, '1,500 projected events', 30_000);

        expect(await count('SELECT count(*) AS n FROM projection')).toBe(1_500);
        expect(await count('SELECT count(DISTINCT sequence) AS n FROM projection')).toBe(1_500);
        expect(await count(`SELECT count(*) AS n FROM inbox_messages WHERE consumer = 'crash'`)).toBe(1_500);
        // Every kill left published and unrecorded events, which were published again: the inbox dropped those
        // the broker delivered twice (JetStream drops them itself, by message id, within its duplicate window).
        const publishes = killedAt.reduce((sum, published) => sum + published, 0) + survivor.metrics().published;
        expect(publishes).toBeGreaterThan(1_500);
        expect(projector.deliveries).toBeGreaterThanOrEqual(1_500);
        expect(killedAt.every((published) => published >= 150)).toBe(true);
      },
    );
  });

  test("relays on the embedded PGlite through Prisma's PGlite adapter, polling, with the inbox in the same database", { timeout: 90_000 }, async () => {
    const pglite = new PGlite();
    cleanups.push(() => pglite.close());
    await pglite.exec(db.migrationSql);
    await pglite.exec(projectionDdl);
    const embedded = new db.PrismaClient({ adapter: new PrismaPGlite(pglite) });
    cleanups.push(() => embedded.$disconnect());
    const tables = outboxTables();
    const { broker: bus } = await broker(memoryHarness);
    const projector = new Projector(bus, embedded, tables, 'projection', 'embedded');
    await later(projector.consumer).start();
    const published: PublishedEvent[] = [];
    await relay({ database: embedded, tables, publisher: recordingPublisher(bus.publisher(), 'relay', published), batchSize: 25, pollIntervalMs: 20 }).start();

    await writeToOutbox(embedded, tables, probeEvents(200, 7), 20);
    await waitFor(
      async () => Number((await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM projection')).rows[0]?.n) >= 200,
      '200 projected events',
      embeddedLivenessMs,
    );

    expect((await pglite.query<{ n: number }>('SELECT count(DISTINCT sequence)::int AS n FROM projection')).rows[0]?.n).toBe(200);
    expect(published).toHaveLength(200);
    expect(inOrder(byAggregate(published).values())).toBe(true);
    expect(await outboxStats(embedded, tables)).toMatchObject({ pending: 0, dead: 0 });
  });

  test(
    'stop() finishes the publish in flight, hands the rest of the batch back, and is bounded by its deadline when a publish hangs',
    { timeout: 60_000 },
    async () => {
      const { broker: bus } = await broker(memoryHarness);
      const published: PublishedEvent[] = [];
      const inner = recordingPublisher(bus.publisher(), 'relay', published);
      let started = 0;
      const slow = relay({
        publisher: {
          ...inner,
          publish: async (event, options) => (started++, await new Promise((resolve) => setTimeout(resolve, 100)), inner.publish(event, options)),
        },
        concurrency: 1,
      });
      await writeToOutbox(prisma, db.tables, probeEvents(20, 1), 20);
      await slow.start();
      await waitFor(() => started === 1, 'the first publish under way', relayLivenessMs);
      const stopping = slow.stop({ timeoutMs: 5_000 });
      expect(slow.stop()).toBe(stopping);
      await stopping;
      expect(published).toHaveLength(1);
      expect(await db.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NOT NULL`)).toEqual([{ n: 1 }]);
      expect(await db.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL AND lease_owner IS NULL`)).toEqual([{ n: 19 }]);

      // A publish that never returns: stop() gives up at its deadline, and the lease returns the event later.
      const hung = relay({ publisher: { ...inner, publish: () => new Promise<void>(() => {}) }, leaseMs: 1_000 });
      await hung.start();
      await waitFor(async () => (await count('SELECT count(*) AS n FROM outbox_events WHERE lease_owner IS NOT NULL')) > 0, 'the batch leased', relayLivenessMs);
      const before = Date.now();
      await hung.stop({ timeoutMs: 300 });
      // Its own deadline, not the default one: the margin between the two absorbs a loaded machine.
      expect(Date.now() - before).toBeGreaterThanOrEqual(290);
      expect(Date.now() - before).toBeLessThan(defaultShutdownTimeoutMs);
      await relay({ publisher: inner }).start();
      await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, "the hung relay's events published by another", relayLivenessMs);
      expect(published).toHaveLength(20);
    },
  );

  test(
    "a relay configured from the environment finds the tables in DATABASE_URL's schema, listens there, and stops on a signal",
    { timeout: 60_000 },
    async () => {
      const { broker: bus } = await broker(memoryHarness);
      const published: PublishedEvent[] = [];
      const publisher = recordingPublisher(bus.publisher(), 'relay', published);
      expect(() => outboxRelayFromEnv({ database: prisma, catalog: probeCatalog, publisher, env: { OUTBOX_BATCH_SIZE: 'many' } })).toThrow(
        MessagingConfigError,
      );
      // The poll is a minute: only NOTIFY can bring the events in time.
      const fromEnv = later(
        outboxRelayFromEnv({ database: prisma, catalog: probeCatalog, publisher, env: { DATABASE_URL: db.url, OUTBOX_POLL_INTERVAL_MS: '60000' } }),
      );
      let stopped = false;
      const running = runOutboxRelay(fromEnv, { signals: ['SIGUSR2'], shutdownMs: 2_000, onStopped: async () => void (stopped = true) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writeToOutbox(prisma, db.tables, probeEvents(30, 3), 10);
      await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'the events published', relayLivenessMs);
      expect(published).toHaveLength(30);
      process.emit('SIGUSR2', 'SIGUSR2');
      await running;
      expect(stopped).toBe(true);
    },
  );

  test('a relay whose database fails logs, backs off and goes on, losing nothing', { timeout: 60_000 }, async () => {
    const { broker: bus } = await broker(memoryHarness);
    const published: PublishedEvent[] = [];
    const errors: string[] = [];
    let failuresLeft = 3;
    const flaky: SqlClient = {
      $queryRawUnsafe: (query, ...values) =>
        failuresLeft-- > 0 ? Promise.reject(new Error('connection terminated')) : prisma.$queryRawUnsafe(query, ...values),
      $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
    };
    await writeToOutbox(prisma, db.tables, probeEvents(50, 5), 50);
    await relay({
      database: flaky,
      publisher: recordingPublisher(bus.publisher(), 'relay', published),
      logger: { warn: () => {}, error: (message) => errors.push(message) },
    }).start();
    await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'the outbox drained', 15_000);
    expect(errors.filter((message) => message.includes('cannot reach the outbox')).length).toBeGreaterThanOrEqual(3);
    expect(published).toHaveLength(50);
  });

  test(
    'a publish that keeps failing is retried with backoff, then dead; later events of its aggregate go on; requeue publishes it',
    { timeout: 60_000 },
    async () => {
      const { broker: bus } = await broker(memoryHarness);
      const published: PublishedEvent[] = [];
      const attempts = new Map<number, number>();
      let healed = false;
      // Event 1 (aggregate-1) fails until healed; event 2 (aggregate-0) fails twice, then goes through.
      const failWith = (event: ProbeEvent) => {
        const attempt = (attempts.get(event.sequence) ?? 0) + 1;
        attempts.set(event.sequence, attempt);
        if (event.sequence === 1 && !healed) return new BrokerUnavailableError('broker down for event 1');
        if (event.sequence === 2 && attempt <= 2) return new BrokerUnavailableError('broker down for event 2');
        return undefined;
      };
      const retrying = relay({
        publisher: recordingPublisher(bus.publisher(), 'relay', published, failWith),
        maxAttempts: 3,
        retryBackoff: { baseDelayMs: 40, maxDelayMs: 200 },
        pollIntervalMs: 10,
      });
      await writeToOutbox(
        prisma,
        db.tables,
        [probe(0, 'aggregate-0'), probe(1, 'aggregate-1'), probe(2, 'aggregate-0'), probe(3, 'aggregate-1'), probe(4, 'aggregate-0')],
        5,
      );
      const started = Date.now();
      await retrying.start();

      await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'every event published or dead', 20_000);
      // Three attempts of event 1 with 40 ms, then 80 ms between them; event 3 waited for event 1's end.
      expect(Date.now() - started).toBeGreaterThanOrEqual(120);
      expect(attempts.get(1)).toBe(3);
      expect(published.map((entry) => entry.sequence).sort()).toEqual([0, 2, 3, 4]);
      expect(byAggregate(published).get('aggregate-0')).toEqual([0, 2, 4]);
      const dead = await deadEvents(prisma, db.tables);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ aggregateId: 'aggregate-1', sequence: 1, attempts: 3 });
      expect(dead[0]!.lastError).toContain('broker down for event 1');
      expect(
        await db.sql(
          `SELECT attempts, last_error IS NOT NULL AS failed, published_at IS NOT NULL AS published FROM outbox_events WHERE payload->>'sequence' = '2'`,
        ),
      ).toEqual([{ attempts: 2, failed: true, published: true }]);
      expect(retrying.metrics()).toMatchObject({ published: 4, failedAttempts: 5, deadLettered: 1 });

      healed = true;
      expect(await requeueDeadEvents(prisma, db.tables)).toBe(1);
      // Recorded as published once the batch is over, a moment after the broker's confirm.
      await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'the requeued event recorded as published', relayLivenessMs);
      expect(published.filter((entry) => entry.sequence === 1)).toHaveLength(1);
      expect(await outboxStats(prisma, db.tables)).toMatchObject({ pending: 0, dead: 0 });
    },
  );

  test(
    'a requeued event waits while a relay holds its aggregate, then goes out before the events of its aggregate still waiting',
    { timeout: 60_000 },
    async () => {
      await writeToOutbox(prisma, db.tables, [probe(1, 'held'), probe(2, 'held'), probe(3, 'held'), probe(4, 'held')], 4);
      const first = new OutboxStore(prisma, db.tables);
      const second = new OutboxStore(prisma, db.tables);
      const sequences = (events: readonly ClaimedEvent[]) => events.map((event) => event.sequence);
      const [dying] = await first.claim('relay-a', 1, 30_000);
      expect(await first.recordFailure('relay-a', dying!.eventId, 'broker down', 0, 1)).toBe(true);
      // relay-a goes on with the aggregate: 2 and 3 are in flight when the dead event is requeued.
      const inFlight = await first.claim('relay-a', 2, 30_000);
      expect(sequences(inFlight)).toEqual([2, 3]);
      expect(await requeueDeadEvents(prisma, db.tables, { eventIds: [dying!.eventId] })).toBe(1);
      expect(await second.claim('relay-b', 10, 30_000)).toEqual([]);
      // relay-a confirms 2 and hands 3 back (as at a stop): the requeued event is now the aggregate's head.
      await first.markPublished([inFlight[0]!.eventId]);
      await first.release('relay-a', [inFlight[1]!.eventId]);
      expect(sequences(await second.claim('relay-b', 10, 30_000))).toEqual([1, 3, 4]);
      expect(await first.claim('relay-a', 10, 30_000)).toEqual([]);
    },
  );

  test('an event the relay cannot read is dead at once, without retries', { timeout: 60_000 }, async () => {
    const { broker: bus } = await broker(memoryHarness);
    const published: PublishedEvent[] = [];
    await prisma.$transaction((tx) =>
      appendToOutbox(
        tx,
        [
          { ...outboxRecord(probeCatalog, probe(0, 'a'), { aggregateType }), eventType: 'probe.unknown' },
          { ...outboxRecord(probeCatalog, probe(1, 'a'), { aggregateType }), payload: { aggregateId: 'a' } },
          outboxRecord(probeCatalog, probe(2, 'a'), { aggregateType }),
        ],
        db.tables,
      ),
    );
    await relay({ publisher: recordingPublisher(bus.publisher(), 'relay', published), maxAttempts: 5 }).start();
    await waitFor(async () => (await outboxStats(prisma, db.tables)).pending === 0, 'nothing pending', relayLivenessMs);
    const dead = await deadEvents(prisma, db.tables);
    expect(dead.map((event) => [event.sequence, event.attempts])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(dead[0]!.lastError).toContain('Unknown event type "probe.unknown"');
    expect(dead[1]!.lastError).toContain('Invalid payload');
    expect(published.map((entry) => entry.sequence)).toEqual([2]);
  });

  test(
    'a rolled-back transaction leaves no outbox row and publishes nothing; a committed one is published on NOTIFY, not on the poll',
    { timeout: 60_000 },
    async () => {
      const { broker: bus } = await broker(memoryHarness);
      const published: PublishedEvent[] = [];
      let claims = 0;
      const claimCounting: SqlClient = {
        $queryRawUnsafe: <T,>(query: string, ...values: unknown[]) =>
          prisma.$queryRawUnsafe<T>(query, ...values).then((rows) => {
            if (query.includes('SET lease_owner = $2::text, lease_until')) claims += 1;
            return rows;
          }),
        $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
      };
      const relaying = relay({
        database: claimCounting,
        publisher: recordingPublisher(bus.publisher(), 'relay', published),
        notifications: notifications(),
        pollIntervalMs: notifyOnlyPollMs,
      });
      await relaying.start();
      // Its first look at the outbox is over: from now on only a NOTIFY brings it back before the poll.
      await waitFor(() => claims > 0, 'the relay’s first claim', notifyLivenessMs);

      const failure = prisma.$transaction(async (tx) => {
        await appendToOutbox(tx, [outboxRecord(probeCatalog, probe(1, 'rolled-back'), { aggregateType })], db.tables);
        throw new Error('the use case failed after saving');
      });
      await expect(failure).rejects.toThrow('the use case failed after saving');
      await writeToOutbox(prisma, db.tables, [probe(2, 'committed')]);
      await waitFor(() => published.length > 0, 'the committed event published', notifyLivenessMs);

      expect(published.map((entry) => entry.aggregateId)).toEqual(['committed']);
      expect(await count(`SELECT count(*) AS n FROM outbox_events WHERE aggregate_id = 'rolled-back'`)).toBe(0);
    },
  );

  test('a transaction writing three events to the outbox costs three statements, NOTIFY included', async () => {
    const statements: string[] = [];
    const counting = (client: SqlClient): SqlClient => ({
      $queryRawUnsafe: (query, ...values) => (statements.push(query), client.$queryRawUnsafe(query, ...values)),
      $executeRawUnsafe: (query, ...values) => (statements.push(query), client.$executeRawUnsafe(query, ...values)),
    });
    await prisma.$transaction((tx) =>
      appendToOutbox(
        counting(tx),
        [probe(0, 'a'), probe(1, 'a'), probe(2, 'b')].map((event) => outboxRecord(probeCatalog, event, { aggregateType })),
        db.tables,
      ),
    );
    expect(statements).toHaveLength(3);
    expect(statements.filter((statement) => statement.includes('pg_notify'))).toHaveLength(1);
    expect(await db.sql('SELECT aggregate_id, sequence FROM outbox_events ORDER BY position')).toEqual([
      { aggregate_id: 'a', sequence: 1 },
      { aggregate_id: 'a', sequence: 2 },
      { aggregate_id: 'b', sequence: 1 },
    ]);
  });

  test('published events past their retention are deleted, but each aggregate keeps its last, so sequences go on', { timeout: 60_000 }, async () => {
    const { broker: bus } = await broker(memoryHarness);
    const published: PublishedEvent[] = [];
    await writeToOutbox(prisma, db.tables, [probe(0, 'a'), probe(1, 'a'), probe(2, 'a'), probe(3, 'b')], 4);
    const stats = await outboxStats(prisma, db.tables);
    expect(stats).toMatchObject({ pending: 4, dead: 0 });
    expect(stats.lagMs).toBeGreaterThan(0);
    const draining = relay({ publisher: recordingPublisher(bus.publisher(), 'relay', published), retentionMs: 3_600_000 });
    expect(await draining.relayBatch()).toBe(4);
    await db.sql(`UPDATE outbox_events SET published_at = now() - interval '2 hours'`);

    expect(await draining.purgePublished()).toBe(2);
    expect(await db.sql(`SELECT aggregate_id, sequence FROM outbox_events ORDER BY aggregate_id`)).toEqual([
      { aggregate_id: 'a', sequence: 3 },
      { aggregate_id: 'b', sequence: 1 },
    ]);
    await writeToOutbox(prisma, db.tables, [probe(4, 'a')]);
    expect(await db.sql(`SELECT sequence FROM outbox_events WHERE aggregate_id = 'a' AND published_at IS NULL`)).toEqual([{ sequence: 4 }]);
  });

  test('a redelivered message changes nothing, even delivered twice at once; a failed handler leaves no inbox row', { timeout: 60_000 }, async () => {
    const work = async (tx: SqlClient) => {
      await tx.$executeRawUnsafe(`INSERT INTO ${projection} (message_id, aggregate_id, sequence) VALUES ('m-1', 'a', 1)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    const results = await Promise.all([
      handleOnce(prisma, 'inbox', 'm-1', work, { tables: db.tables }),
      handleOnce(prisma, 'inbox', 'm-1', work, { tables: db.tables }),
    ]);
    expect(results.map((result) => result.handled).sort()).toEqual([false, true]);
    expect((await handleOnce(prisma, 'inbox', 'm-1', work, { tables: db.tables })).handled).toBe(false);
    expect(await count('SELECT count(*) AS n FROM projection')).toBe(1);

    const failing = handleOnce(prisma, 'inbox', 'm-2', async () => Promise.reject(new Error('handler failed')), { tables: db.tables });
    await expect(failing).rejects.toThrow('handler failed');
    expect(await count(`SELECT count(*) AS n FROM inbox_messages WHERE message_id = 'm-2'`)).toBe(0);
    expect((await handleOnce(prisma, 'inbox', 'm-2', async () => 'done', { tables: db.tables })).handled).toBe(true);
  });
});
