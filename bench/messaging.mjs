// Messaging throughput: the generated RabbitMQ publisher against a bare amqplib confirm channel in the same run
// (aim: at least 0.8 of it), and end-to-end consume throughput. Prints figures; asserts nothing.
// Standalone: `node bench/messaging.mjs`; also picked up by bench/run.mjs. Needs RabbitMQ at AMQP_URL.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'amqplib';
import { createJiti } from 'jiti';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const window = Number(process.env.BENCH_WINDOW ?? 500);

/** Publishes `count` items through `publish`, at most `window` unconfirmed at a time; returns messages per second. */
async function throughput(count, publish) {
  const started = performance.now();
  for (let start = 0; start < count; start += window) {
    await Promise.all(Array.from({ length: Math.min(window, count - start) }, (_, index) => publish(start + index)));
  }
  return count / ((performance.now() - started) / 1_000);
}

export async function bench() {
  const jiti = createJiti(import.meta.url);
  // The renderer stand-in of the messaging tests generates the project, until src/render lands.
  const { generateProject } = await jiti.import(path.join(repoRoot, 'test/messaging/support/generate-project.ts'));
  const { orderModel } = await jiti.import(path.join(repoRoot, 'test/messaging/support/order-domain.ts'));
  const project = generateProject(orderModel(true), ['rabbitmq']);
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

    let handled = 0;
    let allHandled;
    const done = new Promise((resolve) => (allHandled = resolve));
    const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, () => {
      if (++handled === messages) allHandled();
    });
    await broker.consumer({ group: 'bench', handlers }).start();
    const started = performance.now();
    await throughput(messages, (sequence) => publisher.publish(probe(sequence)));
    await done;
    const seconds = (performance.now() - started) / 1_000;
    rows.push({ case: `end to end: publish + consume (prefetch 200)`, wallMs: seconds * 1_000, rate: `${(messages / seconds).toFixed(0)} msg/s` });
    await broker.close();
    const cleanup = await bare.createChannel();
    for (const queue of Object.values(broker.topology('bench')).flat()) await cleanup.deleteQueue(typeof queue === 'string' ? queue : queue.queue);
    await cleanup.deleteExchange(exchange);
  } finally {
    await bare.close();
    project.remove();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(Object.values(row).map((value) => (typeof value === 'number' ? `${value.toFixed(0)} ms` : value)).join('  '));
}
