// The outbox relay on PostgreSQL: throughput on RabbitMQ from a committed backlog to broker confirms (recorded as
// published in the outbox) against the same events published directly through the same publisher, in the same run
// (aim: at least 0.5 of direct); and, on the in-memory broker (no broker: the floor) and on RabbitMQ, NATS and Kafka
// (each when it answers), the latency from a command's commit to the broker's confirm and to the read model visible
// (the projection's transaction committed: inbox row, read-model write, checkpoint), with the relay woken by NOTIFY
// (aim: p50 <= 50 ms), and where that time goes. Prints figures; asserts nothing.
// Standalone: `node bench/outbox.mjs`; also picked up by bench/run.mjs. Runs the runtime in place (jiti).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'amqplib';
import { createJiti } from 'jiti';
import { connect as connectNats } from 'nats';
import { reachable } from './messaging-common.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const kafkaBrokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const events = Number(process.env.BENCH_OUTBOX_EVENTS ?? 5_000);
const aggregates = 100;
const relayBatch = Number(process.env.BENCH_OUTBOX_BATCH ?? 1_000);
const latencySamples = Number(process.env.BENCH_OUTBOX_LATENCY_SAMPLES ?? 300);
/** `BENCH_OUTBOX_BROKERS=rabbitmq,nats` runs those only (of memory, rabbitmq, nats, kafka); all by default. */
const brokers = (process.env.BENCH_OUTBOX_BROKERS ?? 'memory,rabbitmq,nats,kafka').split(',');

const load = (jiti, file) => jiti.import(path.join(repoRoot, file));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value) => `${value.toFixed(1)} ms`;

/** Each aggregate's events one after the other, the aggregates side by side: the order a relay must keep. */
async function publishPerAggregate(publisher, list) {
  const chains = new Map();
  for (const event of list) chains.set(event.aggregateId, [...(chains.get(event.aggregateId) ?? []), event]);
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      for (const event of chain) await publisher.publish(event, { messageId: randomUUID() });
    }),
  );
}

async function waitUntil(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench/outbox: timed out after ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function loadRuntime(jiti) {
  return {
    ...(await load(jiti, 'test/messaging/support/outbox-database.ts')),
    ...(await load(jiti, 'test/messaging/support/outbox-steps.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/acceptance/probe-events.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/outbox/relay.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/outbox/notifications.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/outbox/outbox-admin.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/outbox/outbox-writer.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/projections/projection.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/shared/logger.ts')),
    ...(await load(jiti, 'templates/messaging/runtime/messaging/shared/event-handlers.ts')),
  };
}

/** The first time in `times` (ascending) at or after `from`. */
function firstAtOrAfter(times, from) {
  return times.find((time) => time >= from);
}

/**
 * Prisma Client whose interactive transactions report the time each of their steps returned: begun, every
 * statement, committed (`onTransaction(marks)`, the call's time first).
 */
function timedTransactions(prisma, onTransaction) {
  return {
    $queryRawUnsafe: (query, ...values) => prisma.$queryRawUnsafe(query, ...values),
    $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
    $transaction: async (work, options) => {
      const marks = [performance.now()];
      const timed =
        (statement) =>
        async (query, ...values) => {
          const result = await statement(query, ...values);
          marks.push(performance.now());
          return result;
        };
      const result = await prisma.$transaction((tx) => {
        marks.push(performance.now());
        return work({ $queryRawUnsafe: timed((...args) => tx.$queryRawUnsafe(...args)), $executeRawUnsafe: timed((...args) => tx.$executeRawUnsafe(...args)) });
      }, options);
      marks.push(performance.now());
      onTransaction(marks);
      return result;
    },
  };
}

/**
 * One event per transaction, committed every 10 ms, relayed by a relay woken by NOTIFY (its poll is 1 s) and
 * projected into a read model by the projection runtime. Each event's path is timed at every step: the commit
 * returned, the NOTIFY received by the relay's listener, the claim sent and returned, the relay's publish call,
 * the broker's confirm, the delivery to the projection's handler, and its transaction's commit.
 */
async function latency(label, broker, group, { db, prisma, runtime }) {
  const { OutboxRelay, postgresNotifications, appendToOutbox, outboxRecord, probe, probeCatalog, ProbeEvent, EventHandlers } = runtime;
  const { projectionHandlers, projectionTables } = runtime;
  const tables = projectionTables(db.schema);
  const summary = `"${db.schema}"."probe_summary"`;
  await db.sql('TRUNCATE probe_summary, projection_checkpoints');
  const projection = {
    name: group,
    handlers: new Map([
      [
        'probe.happened',
        (event, tx) =>
          tx.$executeRawUnsafe(
            `INSERT INTO ${summary} (aggregate_id, events, last_sequence) VALUES ($1::text, 1, $2::int)
             ON CONFLICT (aggregate_id) DO UPDATE SET events = ${summary}.events + 1, last_sequence = EXCLUDED.last_sequence`,
            event.aggregateId,
            event.sequence,
          ),
      ],
    ]),
    truncate: (tx) => tx.$executeRawUnsafe(`DELETE FROM ${summary}`),
  };
  const commitSent = new Map();
  const committed = new Map();
  const notified = [];
  const claimSent = new Map();
  const claimed = new Map();
  const picked = new Map();
  const confirmed = new Map();
  const delivered = new Map();
  const visible = new Map();
  const publisher = broker.publisher();
  const timing = {
    publish: async (event, options) => {
      picked.set(options.messageId, performance.now());
      await publisher.publish(event, options);
      confirmed.set(options.messageId, performance.now());
    },
    close: (options) => publisher.close(options),
  };
  // The relay's database, timing its claims: each claimed event gets the time the claim was sent and returned.
  const relayDatabase = {
    $queryRawUnsafe: async (query, ...values) => {
      const sent = performance.now();
      const rows = await prisma.$queryRawUnsafe(query, ...values);
      if (query.includes('waiting_rows')) {
        const returned = performance.now();
        for (const row of rows) {
          claimSent.set(row.event_id, sent);
          claimed.set(row.event_id, returned);
        }
      }
      return rows;
    },
    $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
  };
  const notifications = postgresNotifications({ connectionString: db.url, channel: tables.channel });
  const timedNotifications = {
    listen: (onNotify) =>
      notifications.listen(() => {
        notified.push(performance.now());
        onNotify();
      }),
  };
  // The projection's transaction of each message, as the times its steps returned.
  const applies = new Map();
  const handling = new AsyncLocalStorage();
  const projectionDatabase = timedTransactions(prisma, (marks) => applies.set(handling.getStore(), marks));
  const projecting = projectionHandlers(projectionDatabase, probeCatalog, projection, [ProbeEvent], { tables });
  const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, async (event, context) => {
    delivered.set(context.messageId, performance.now());
    await handling.run(context.messageId, () => projecting.subscriptionFor(context.eventType).handler(event, context));
    visible.set(context.messageId, performance.now());
  });
  const consumer = broker.consumer({ group, handlers });
  await consumer.start();
  const relay = new OutboxRelay({
    database: relayDatabase,
    tables,
    catalog: probeCatalog,
    publisher: timing,
    notifications: timedNotifications,
    pollIntervalMs: 1_000,
  });
  await relay.start();
  const commit = async (event) => {
    const record = outboxRecord(probeCatalog, event, { aggregateType: 'Probe' });
    const sent = performance.now();
    await prisma.$transaction((tx) => appendToOutbox(tx, [record], tables));
    return { eventId: record.eventId, sent };
  };
  const direct = [];
  try {
    // Warm-up, not measured: the consumer joined (Kafka assigns partitions), connections and statements warm.
    const warm = [];
    for (let index = 0; index < 20; index++) warm.push((await commit(probe(index, `warm-${index % 5}`))).eventId);
    await waitUntil(() => warm.every((id) => visible.has(id)), 60_000);
    // The floor: the confirm of one event published directly, one at a time.
    for (let index = 0; index < 100; index++) {
      const started = performance.now();
      await publisher.publish(probe(index, 'direct'), { messageId: randomUUID() });
      direct.push(performance.now() - started);
      await sleep(10);
    }
    for (let index = 0; index < latencySamples; index++) {
      const { eventId, sent } = await commit(probe(index, `latency-${index % 10}`));
      commitSent.set(eventId, sent);
      committed.set(eventId, performance.now());
      await sleep(10);
    }
    await waitUntil(() => [...committed.keys()].every((id) => visible.has(id)), 60_000);
  } finally {
    await relay.stop();
    await consumer.stop();
  }
  // The NOTIFY of an event is the first one the listener received after its commit was sent.
  const notifiedAt = new Map([...commitSent].map(([id, sent]) => [id, firstAtOrAfter(notified, sent)]));
  const since = (map, from = committed) => [...committed.keys()].map((id) => map.get(id) - from.get(id));
  const toConfirm = since(confirmed);
  const toVisible = since(visible);
  const p50 = percentile(toVisible, 50);
  // An apply is begin, lock + inbox row, the read-model write, the checkpoint, commit (a duplicate stops after the inbox).
  const applied = [...committed.keys()].map((id) => applies.get(id)).filter((marks) => marks?.length === 6);
  const roundTrip = (index) => applied.map((marks) => marks[index + 1] - marks[index]);
  const applyStep = (index) => ms(percentile(roundTrip(index), 50));
  const p50Of = (map, from) => ms(percentile(since(map, from), 50));
  const spread = (map, from) => `${percentile(since(map, from), 50).toFixed(1)}/${ms(percentile(since(map, from), 99))}`;
  return [
    {
      case: `${label}: latency commit -> broker confirm, NOTIFY (${latencySamples} txs)`,
      p50: ms(percentile(toConfirm, 50)),
      p99: ms(percentile(toConfirm, 99)),
    },
    { case: `${label}: latency of a direct publish's confirm (the floor, 100)`, p50: ms(percentile(direct, 50)), p99: ms(percentile(direct, 99)) },
    {
      case: `${label}: latency commit -> read model visible (projection committed)`,
      p50: `${ms(p50)} (aim <= 50${p50 <= 50 ? ', met' : ', MISSED'})`,
      p99: ms(percentile(toVisible, 99)),
    },
    {
      case: `${label}: p50 from the commit returned to`,
      steps: [
        `NOTIFY received ${p50Of(notifiedAt)}`,
        `claim sent ${p50Of(claimSent)}`,
        `claimed ${p50Of(claimed)}`,
        `publish call ${p50Of(picked)}`,
        `confirm ${p50Of(confirmed)}`,
        `delivered ${p50Of(delivered)}`,
        `projection committed ${p50Of(visible)}`,
      ].join(', '),
    },
    {
      case: `${label}: p50/p99 of each step`,
      steps: [
        `NOTIFY->claim sent ${spread(claimSent, notifiedAt)}`,
        `claim ${spread(claimed, claimSent)}`,
        `claimed->publish call ${spread(picked, claimed)}`,
        `publish->confirm ${spread(confirmed, picked)}`,
        `publish->delivered ${spread(delivered, picked)}`,
        `projection transaction ${spread(visible, delivered)}`,
      ].join(', '),
    },
    {
      case: `${label}: projection transaction, p50 of each round trip (${applied.length} applies)`,
      steps: [
        `begin ${applyStep(0)}`,
        `lock + inbox row ${applyStep(1)}`,
        `read-model write ${applyStep(2)}`,
        `checkpoint ${applyStep(3)}`,
        `commit ${applyStep(4)}`,
      ].join(', '),
    },
  ];
}

async function rabbitMq(context) {
  const { RabbitMqBroker } = await load(context.jiti, 'templates/messaging/runtime/messaging/rabbitmq/broker.ts');
  const { rabbitMqConfigFromEnv } = await load(context.jiti, 'templates/messaging/runtime/messaging/rabbitmq/config.ts');
  const { db, prisma, runtime } = context;
  const { probeEvents, writeToOutbox, OutboxRelay, outboxStats, probeCatalog, silentLogger } = runtime;
  const exchange = `bench.outbox.${randomUUID().slice(0, 8)}`;
  const config = { ...rabbitMqConfigFromEnv({ AMQP_URL: amqpUrl, AMQP_EXCHANGE: exchange, AMQP_PREFETCH: '100' }), publishTimeoutMs: 30_000 };
  const broker = new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger });
  const bare = await connect(amqpUrl);
  const setup = await bare.createChannel();
  const sink = `${exchange}.sink`;
  const rows = [];
  try {
    // A quorum queue bound to the exchange, so that every publish is persisted before its confirm.
    await setup.assertExchange(exchange, 'topic', { durable: true });
    await setup.assertQueue(sink, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await setup.bindQueue(sink, exchange, 'probe.happened');
    const publisher = broker.publisher();

    let started = performance.now();
    await publishPerAggregate(publisher, probeEvents(events, aggregates));
    const directRate = events / ((performance.now() - started) / 1_000);

    await writeToOutbox(prisma, db.tables, probeEvents(events, aggregates, events), 200);
    const relay = new OutboxRelay({ database: prisma, tables: db.tables, catalog: probeCatalog, publisher, batchSize: relayBatch, pollIntervalMs: 20 });
    started = performance.now();
    await relay.start();
    await waitUntil(async () => (await outboxStats(prisma, db.tables)).pending === 0, 120_000);
    const relayRate = events / ((performance.now() - started) / 1_000);
    await relay.stop();
    const ratio = relayRate / directRate;
    rows.push({ case: `direct publish, ${aggregates} aggregates in parallel (${events} events)`, rate: `${directRate.toFixed(0)} events/s` });
    rows.push({
      case: `relay: committed backlog to confirms recorded (batch ${relayBatch})`,
      rate: `${relayRate.toFixed(0)} events/s`,
      ratio: `${ratio.toFixed(2)} of direct (aim >= 0.50${ratio >= 0.5 ? ', met' : ', MISSED'})`,
    });
    // The latency run publishes to the group's queue alone, as on the other brokers: a second quorum queue would
    // double the writes behind each confirm.
    await setup.deleteQueue(sink);
    rows.push(...(await latency('RabbitMQ', broker, 'bench-outbox', context)));
  } finally {
    await broker.close().catch(() => {});
    await setup.deleteQueue(sink).catch(() => {});
    for (const queue of Object.values(broker.topology('bench-outbox')).flat())
      await setup.deleteQueue(typeof queue === 'string' ? queue : queue.queue).catch(() => {});
    await setup.deleteExchange(exchange).catch(() => {});
    await bare.close();
  }
  return rows;
}

async function nats(context) {
  const { NatsBroker } = await load(context.jiti, 'templates/messaging/runtime/messaging/nats/broker.ts');
  const { natsConfigFromEnv } = await load(context.jiti, 'templates/messaging/runtime/messaging/nats/config.ts');
  const { deleteStreams } = await load(context.jiti, 'templates/messaging/runtime/messaging/nats/topology.ts');
  const { probeCatalog, silentLogger } = context.runtime;
  const name = randomUUID().slice(0, 8);
  const config = natsConfigFromEnv({ NATS_URL: natsUrl, NATS_STREAM: `BENCH_OUTBOX_${name}`, NATS_SUBJECT_PREFIX: `bench-outbox-${name}` });
  const broker = new NatsBroker({ catalog: probeCatalog, config, logger: silentLogger });
  try {
    return await latency('NATS', broker, 'bench-outbox', context);
  } finally {
    await broker.close().catch(() => {});
    const bare = await connectNats({ servers: natsUrl });
    await deleteStreams(await bare.jetstreamManager(), config).catch(() => {});
    await bare.close();
  }
}

async function kafka(context) {
  const { KafkaBroker } = await load(context.jiti, 'templates/messaging/runtime/messaging/kafka/broker.ts');
  const { kafkaConfigFromEnv } = await load(context.jiti, 'templates/messaging/runtime/messaging/kafka/config.ts');
  const { createKafkaClient } = await load(context.jiti, 'templates/messaging/runtime/messaging/kafka/connection.ts');
  const { deleteTopics } = await load(context.jiti, 'templates/messaging/runtime/messaging/kafka/topology.ts');
  const { probeCatalog, silentLogger } = context.runtime;
  const name = randomUUID().slice(0, 8);
  const config = kafkaConfigFromEnv({
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC: `bench.outbox.${name}`,
    KAFKA_CLIENT_ID: `bench-outbox-${name}`,
    KAFKA_NEW_GROUP_START: 'earliest',
  });
  const broker = new KafkaBroker({ catalog: probeCatalog, config, logger: silentLogger });
  try {
    return await latency('Kafka', broker, 'bench-outbox', context);
  } finally {
    await broker.close().catch(() => {});
    const admin = createKafkaClient(config, silentLogger).admin();
    await admin.connect();
    await deleteTopics(admin, config).catch(() => {});
    await admin.disconnect();
  }
}

/** No broker at all: what NOTIFY, the claim and the projection cost by themselves, the floor under the others. */
async function inMemory(context) {
  const { InMemoryBroker } = await load(context.jiti, 'templates/messaging/runtime/messaging/memory/in-memory-broker.ts');
  const broker = new InMemoryBroker({ catalog: context.runtime.probeCatalog, prefetch: 100 });
  try {
    return await latency('in-memory', broker, 'bench-outbox', context);
  } finally {
    await broker.close();
  }
}

export async function bench() {
  if (!(await reachable(databaseUrl, 5432))) return [{ case: `Outbox: skipped, no PostgreSQL at ${new URL(databaseUrl).host}` }];
  const jiti = createJiti(import.meta.url);
  const runtime = await loadRuntime(jiti);
  const db = await runtime.openOutboxDatabase('bench_outbox');
  const prisma = await db.connect({ poolMax: 10 });
  await db.sql(runtime.projectionDdl);
  await db.sql('CREATE TABLE projection_checkpoints (projection text PRIMARY KEY, last_event_id text NOT NULL, updated_at timestamptz(3) NOT NULL)');
  await db.sql('CREATE TABLE probe_summary (aggregate_id text PRIMARY KEY, events int NOT NULL, last_sequence int NOT NULL)');
  const context = { jiti, db, prisma, runtime };
  const rows = [];
  try {
    if (brokers.includes('memory')) rows.push(...(await inMemory(context)));
    if (!brokers.includes('rabbitmq')) rows.push({ case: 'Outbox on RabbitMQ: not in BENCH_OUTBOX_BROKERS' });
    else if (await reachable(amqpUrl, 5672)) rows.push(...(await rabbitMq(context)));
    else rows.push({ case: `Outbox on RabbitMQ: skipped, nothing answers at ${new URL(amqpUrl).host}` });
    if (!brokers.includes('nats')) rows.push({ case: 'Outbox on NATS: not in BENCH_OUTBOX_BROKERS' });
    else if (await reachable(natsUrl, 4222)) rows.push(...(await nats(context)));
    else rows.push({ case: `Outbox on NATS: skipped, nothing answers at ${new URL(natsUrl).host}` });
    if (!brokers.includes('kafka')) rows.push({ case: 'Outbox on Kafka: not in BENCH_OUTBOX_BROKERS' });
    else if (await reachable(`kafka://${kafkaBrokers.split(',')[0]}`, 9092)) rows.push(...(await kafka(context)));
    else rows.push({ case: `Outbox on Kafka: skipped, nothing answers at ${kafkaBrokers}` });
  } finally {
    await db.close();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(Object.values(row).join('  '));
}
