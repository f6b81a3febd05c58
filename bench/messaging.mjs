// Messaging throughput: the generated RabbitMQ publisher against a bare amqplib confirm channel, the generated
// NATS JetStream publisher against bare nats.js `js.publish` (PubAck awaited), and the generated Kafka publisher
// against a bare kafkajs idempotent producer (acks -1), in the same run (aim: at least 0.8 of the bare client),
// and end-to-end consume throughput on each. Prints figures; asserts nothing.
// Standalone: `node bench/messaging.mjs`; also picked up by bench/run.mjs. Uses RabbitMQ at AMQP_URL, NATS
// (with JetStream) at NATS_URL and Kafka at KAFKA_BROKERS; a broker that does not answer is left out.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'amqplib';
import { createJiti } from 'jiti';
import { connect as connectNats, headers as natsHeaders } from 'nats';
import { benchKafka, kafkaBrokers } from './kafka.mjs';
import { endToEnd, ratioRow, reachable, throughput } from './messaging-common.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);

async function benchRabbitMq(project) {
  const generated = createJiti(path.join(project.root, 'index.ts'));
  const { RabbitMqBroker } = await generated.import('./src/infrastructure/messaging/rabbitmq/broker.ts');
  const { rabbitMqConfigFromEnv } = await generated.import('./src/infrastructure/messaging/rabbitmq/config.ts');
  const { silentLogger } = await generated.import('./src/infrastructure/messaging/shared/logger.ts');
  const { EventHandlers } = await generated.import('./src/infrastructure/messaging/shared/event-handlers.ts');
  const { probe, probeCatalog, ProbeEvent } = await generated.import('./test/messaging/probe-events.ts');

  const exchange = `bench.${randomUUID().slice(0, 8)}`;
  const config = { ...rabbitMqConfigFromEnv({ AMQP_URL: amqpUrl, AMQP_EXCHANGE: exchange, AMQP_PREFETCH: '200' }), publishTimeoutMs: 30_000 };
  const broker = new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger });
  const bare = await connect(amqpUrl);
  const rows = [];
  try {
    // One quorum queue bound to the exchange, so both publishers pay for the same persistence.
    const setup = await bare.createChannel();
    await setup.assertExchange(exchange, 'topic', { durable: true });
    const sink = `${exchange}.sink`;
    await setup.assertQueue(sink, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await setup.bindQueue(sink, exchange, 'probe.happened');

    const channel = await bare.createConfirmChannel();
    const body = Buffer.from(JSON.stringify({ aggregateId: 'a', sequence: 1, text: 'probe 1', at: new Date().toISOString(), tags: ['t'] }));
    // The same metadata the envelope carries, so the comparison measures the publisher, not the header count.
    const bareMessage = () => {
      const messageId = randomUUID();
      const correlationId = randomUUID();
      const headers = { 'message-id': messageId, 'event-type': 'probe.happened', 'schema-version': '1', 'occurred-at': new Date().toISOString(), 'correlation-id': correlationId, 'ordering-key': 'a' };
      return { persistent: true, contentType: 'application/json', messageId, type: 'probe.happened', correlationId, headers };
    };
    const bareRate = await throughput(messages, () =>
      new Promise((resolve, reject) => channel.publish(exchange, 'probe.happened', body, bareMessage(), (error) => (error ? reject(error) : resolve()))),
    );
    const publisher = broker.publisher();
    const generatedRate = await throughput(messages, (sequence) => publisher.publish(probe(sequence)));
    rows.push({ case: `publish with confirms, bare amqplib (${messages} msgs)`, rate: `${bareRate.toFixed(0)} msg/s` });
    rows.push({ case: `publish with confirms, generated publisher`, rate: `${generatedRate.toFixed(0)} msg/s`, ratio: `${(generatedRate / bareRate).toFixed(2)} (aim >= 0.80${generatedRate / bareRate >= 0.8 ? ', met' : ', MISSED'})` });
    await setup.deleteQueue(sink);

    rows.push(await endToEnd('end to end: publish + consume (prefetch 200)', broker, publisher, messages, { EventHandlers, probe, probeCatalog, ProbeEvent }));
    await broker.close();
    const cleanup = await bare.createChannel();
    for (const queue of Object.values(broker.topology('bench')).flat()) await cleanup.deleteQueue(typeof queue === 'string' ? queue : queue.queue);
    await cleanup.deleteExchange(exchange);
  } finally {
    await bare.close();
  }
  return rows;
}

async function benchNats(project) {
  const generated = createJiti(path.join(project.root, 'index.ts'));
  const { NatsBroker } = await generated.import('./src/infrastructure/messaging/nats/broker.ts');
  const { natsConfigFromEnv } = await generated.import('./src/infrastructure/messaging/nats/config.ts');
  const { deleteStreams } = await generated.import('./src/infrastructure/messaging/nats/topology.ts');
  const { silentLogger } = await generated.import('./src/infrastructure/messaging/shared/logger.ts');
  const { EventHandlers } = await generated.import('./src/infrastructure/messaging/shared/event-handlers.ts');
  const { probe, probeCatalog, ProbeEvent } = await generated.import('./test/messaging/probe-events.ts');

  const name = randomUUID().slice(0, 8);
  const config = {
    ...natsConfigFromEnv({ NATS_URL: natsUrl, NATS_STREAM: `BENCH_${name}`, NATS_SUBJECT_PREFIX: `bench-${name}`, NATS_PREFETCH: '200' }),
    publishTimeoutMs: 30_000,
  };
  const broker = new NatsBroker({ catalog: probeCatalog, config, logger: silentLogger });
  const bare = await connectNats({ servers: natsUrl });
  const rows = [];
  try {
    const publisher = broker.publisher();
    // Creates the stream, so both publishers store into the same one.
    await publisher.publish(probe(0));
    const js = bare.jetstream();
    const body = new TextEncoder().encode(JSON.stringify({ aggregateId: 'a', sequence: 1, text: 'probe 1', at: new Date().toISOString(), tags: ['t'] }));
    // The same metadata the envelope carries, and a msgID for deduplication as the generated publisher sends.
    const bareMessage = () => {
      const h = natsHeaders();
      for (const [key, value] of Object.entries({ 'message-id': randomUUID(), 'event-type': 'probe.happened', 'schema-version': '1', 'occurred-at': new Date().toISOString(), 'correlation-id': randomUUID(), 'ordering-key': 'a' })) h.set(key, value);
      return { headers: h, msgID: h.get('message-id'), expect: { streamName: config.stream } };
    };
    const subject = `${config.subjectPrefix}.probe.happened`;
    // Interleaved rounds, best of each: one round alone swings with JIT warm-up and the load of a shared machine.
    let bareRate = 0;
    let generatedRate = 0;
    for (let round = 0; round < 2; round++) {
      bareRate = Math.max(bareRate, await throughput(messages, () => js.publish(subject, body, bareMessage())));
      generatedRate = Math.max(generatedRate, await throughput(messages, (sequence) => publisher.publish(probe(sequence))));
    }
    rows.push({ case: `JetStream publish + PubAck, bare nats.js (${messages} msgs, best of 2)`, rate: `${bareRate.toFixed(0)} msg/s` });
    rows.push(ratioRow('JetStream publish + PubAck, generated publisher', generatedRate, bareRate));

    rows.push(await endToEnd('NATS end to end: publish + consume (prefetch 200)', broker, publisher, messages, { EventHandlers, probe, probeCatalog, ProbeEvent }));
    await broker.close();
    await deleteStreams(await bare.jetstreamManager(), config);
  } finally {
    await bare.close();
  }
  return rows;
}

export async function bench() {
  const jiti = createJiti(import.meta.url);
  const { generateProject } = await jiti.import(path.join(repoRoot, 'test/messaging/support/generate-project.ts'));
  const { orderModel } = await jiti.import(path.join(repoRoot, 'test/messaging/support/order-domain.ts'));
  const project = await generateProject(orderModel(true), ['rabbitmq', 'nats', 'kafka']);
  try {
    const rows = [];
    if (await reachable(amqpUrl, 5672)) rows.push(...(await benchRabbitMq(project)));
    else rows.push({ case: `RabbitMQ: skipped, nothing answers at ${new URL(amqpUrl).host}` });
    if (await reachable(natsUrl, 4222)) rows.push(...(await benchNats(project)));
    else rows.push({ case: `NATS: skipped, nothing answers at ${new URL(natsUrl).host}` });
    if (await reachable(`kafka://${kafkaBrokers.split(',')[0]}`, 9092)) rows.push(...(await benchKafka(project)));
    else rows.push({ case: `Kafka: skipped, nothing answers at ${kafkaBrokers}` });
    return rows;
  } finally {
    project.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(Object.values(row).map((value) => (typeof value === 'number' ? `${value.toFixed(0)} ms` : value)).join('  '));
}
