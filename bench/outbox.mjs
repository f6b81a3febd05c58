// The outbox relay on RabbitMQ and PostgreSQL: throughput from a committed backlog to broker confirms (recorded as
// published in the outbox) against the same events published directly through the same publisher, in the same run
// (aim: at least 0.5 of direct), and latency from a transaction's commit to the broker's confirm and to the
// consumer's inbox transaction, woken by NOTIFY (aim: p50 <= 50 ms). Prints figures; asserts nothing.
// Standalone: `node bench/outbox.mjs`; also picked up by bench/run.mjs. Runs the runtime in place (jiti).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'amqplib';
import { createJiti } from 'jiti';
import { reachable } from './messaging-common.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const events = Number(process.env.BENCH_OUTBOX_EVENTS ?? 5_000);
const aggregates = 100;
const relayBatch = Number(process.env.BENCH_OUTBOX_BATCH ?? 1_000);
const latencySamples = Number(process.env.BENCH_OUTBOX_LATENCY_SAMPLES ?? 300);

const load = (jiti, file) => jiti.import(path.join(repoRoot, file));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

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

export async function bench() {
  if (!(await reachable(databaseUrl, 5432))) return [{ case: `Outbox: skipped, no PostgreSQL at ${new URL(databaseUrl).host}` }];
  if (!(await reachable(amqpUrl, 5672))) return [{ case: `Outbox: skipped, nothing answers at ${new URL(amqpUrl).host}` }];
  const jiti = createJiti(import.meta.url);
  const { openOutboxDatabase } = await load(jiti, 'test/messaging/support/outbox-database.ts');
  const { probeEvents, projectionDdl, writeToOutbox } = await load(jiti, 'test/messaging/support/outbox-steps.ts');
  const { probe, probeCatalog, ProbeEvent } = await load(jiti, 'templates/messaging/runtime/acceptance/probe-events.ts');
  const { OutboxRelay } = await load(jiti, 'templates/messaging/runtime/messaging/outbox/relay.ts');
  const { postgresNotifications } = await load(jiti, 'templates/messaging/runtime/messaging/outbox/notifications.ts');
  const { outboxStats } = await load(jiti, 'templates/messaging/runtime/messaging/outbox/outbox-admin.ts');
  const { inboxHandler } = await load(jiti, 'templates/messaging/runtime/messaging/outbox/inbox.ts');
  const { appendToOutbox, outboxRecord } = await load(jiti, 'templates/messaging/runtime/messaging/outbox/outbox-writer.ts');
  const { RabbitMqBroker } = await load(jiti, 'templates/messaging/runtime/messaging/rabbitmq/broker.ts');
  const { rabbitMqConfigFromEnv } = await load(jiti, 'templates/messaging/runtime/messaging/rabbitmq/config.ts');
  const { silentLogger } = await load(jiti, 'templates/messaging/runtime/messaging/shared/logger.ts');
  const { EventHandlers } = await load(jiti, 'templates/messaging/runtime/messaging/shared/event-handlers.ts');

  const db = await openOutboxDatabase('bench_outbox');
  const prisma = await db.connect({ poolMax: 10 });
  await db.sql(projectionDdl);
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
    await setup.purgeQueue(sink);

    // Latency: one event per transaction, committed every 10 ms, with a relay woken by NOTIFY (its poll is 1 s).
    const committed = new Map();
    const confirmed = new Map();
    const projected = new Map();
    const timing = {
      publish: async (event, options) => {
        await publisher.publish(event, options);
        confirmed.set(options.messageId, performance.now());
      },
      close: (options) => publisher.close(options),
    };
    const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, async (event, context) => {
      await inboxHandler(
        prisma,
        'bench',
        async (received, tx) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO "${db.schema}".projection (message_id, aggregate_id, sequence) VALUES ($1, $2, $3)`,
            context.messageId,
            received.aggregateId,
            received.sequence,
          );
        },
        { tables: db.tables },
      )(event, context);
      projected.set(context.messageId, performance.now());
    });
    const consumer = broker.consumer({ group: 'bench-outbox', handlers });
    await consumer.start();
    // The floor: the confirm of one event published directly, one at a time, to the same queues.
    const direct = [];
    for (let index = 0; index < 100; index++) {
      const started = performance.now();
      await publisher.publish(probe(index, 'direct'), { messageId: randomUUID() });
      direct.push(performance.now() - started);
      await sleep(10);
    }
    const woken = new OutboxRelay({
      database: prisma,
      tables: db.tables,
      catalog: probeCatalog,
      publisher: timing,
      notifications: postgresNotifications({ connectionString: db.url, channel: db.tables.channel }),
      pollIntervalMs: 1_000,
    });
    await woken.start();
    for (let index = 0; index < latencySamples; index++) {
      const record = outboxRecord(probeCatalog, probe(index, `latency-${index % 10}`), { aggregateType: 'Probe' });
      await prisma.$transaction((tx) => appendToOutbox(tx, [record], db.tables));
      committed.set(record.eventId, performance.now());
      await sleep(10);
    }
    await waitUntil(() => [...committed.keys()].every((id) => projected.has(id)), 60_000);
    await woken.stop();
    await consumer.stop();
    const toConfirm = [...committed].map(([id, at]) => confirmed.get(id) - at);
    const toProjected = [...committed].map(([id, at]) => projected.get(id) - at);
    const p50 = percentile(toConfirm, 50);
    rows.push({
      case: `latency commit -> broker confirm, NOTIFY (${latencySamples} txs)`,
      p50: `${p50.toFixed(1)} ms (aim <= 50${p50 <= 50 ? ', met' : ', MISSED'})`,
      p99: `${percentile(toConfirm, 99).toFixed(1)} ms`,
    });
    rows.push({
      case: `latency of a direct publish's confirm (the floor, 100 publishes)`,
      p50: `${percentile(direct, 50).toFixed(1)} ms`,
      p99: `${percentile(direct, 99).toFixed(1)} ms`,
    });
    rows.push({
      case: `latency commit -> consumer's inbox transaction committed`,
      p50: `${percentile(toProjected, 50).toFixed(1)} ms`,
      p99: `${percentile(toProjected, 99).toFixed(1)} ms`,
    });
  } finally {
    await broker.close().catch(() => {});
    await setup.deleteQueue(sink).catch(() => {});
    for (const queue of Object.values(broker.topology('bench-outbox')).flat())
      await setup.deleteQueue(typeof queue === 'string' ? queue : queue.queue).catch(() => {});
    await setup.deleteExchange(exchange).catch(() => {});
    await bare.close();
    await db.close();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(Object.values(row).join('  '));
}
