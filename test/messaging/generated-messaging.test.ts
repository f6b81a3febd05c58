import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempProject } from '../e2e/support.js';
import { kafkaBrokers, serviceAvailable } from '../support/services.js';
import { generateProject, run } from './support/generate-project.js';
import { orderModel } from './support/order-domain.js';

// Written into the generated project: the domain's own events through the generated event map and port adapter.
const domainEventsTest = `import { describe, expect, it } from 'vitest';
import { OrderPlaced } from '../src/domain/order/events/order-placed.js';
import { OrderShipped } from '../src/domain/order/events/order-shipped.js';
import { OrderId } from '../src/domain/order/order-id.js';
import { OrderStatus } from '../src/domain/order/order-status.js';
import { BrokerEventBus, createMessageBroker, EventHandlers, domainEvents, type DeadLetter, InMemoryBroker } from '../src/infrastructure/messaging/index.js';

/** The in-memory broker delivers on a later turn of the event loop: waits for that, however loaded the machine. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
  }
}

describe('the generated event map', () => {
  it('carries the domain events through the port, equal on arrival', async () => {
    const broker = createMessageBroker({});
    const received: object[] = [];
    const handlers = new EventHandlers(domainEvents)
      .subscribe(OrderPlaced, (event) => void received.push(event))
      .subscribe(OrderShipped, (event, context) => {
        expect(context.correlationId).toBe('request-1');
        received.push(event);
      });
    await broker.consumer({ group: 'projections', handlers }).start();
    const bus = new BrokerEventBus(broker.publisher(), () => ({ correlationId: 'request-1' }));
    const placed = new OrderPlaced(new OrderId('o-1'), 42.5, ['a', 'b'], new Date('2024-01-02T03:04:05.000Z'));
    const shipped = OrderShipped.create({ orderId: new OrderId('o-1'), status: OrderStatus.Shipped, carrier: null, occurredAt: new Date('2024-01-03T00:00:00.000Z') });
    await bus.publishAll([placed, shipped]);
    await until(() => received.length >= 2, 'both events');
    expect(received).toEqual([placed, shipped]);
    await broker.close();
  });

  it('dead-letters a payload that fails validation, naming every problem', async () => {
    const broker = new InMemoryBroker({ catalog: domainEvents });
    await broker.consumer({ group: 'g', handlers: new EventHandlers(domainEvents).subscribe(OrderShipped, () => {}) }).start();
    const headers = { 'message-id': 'm', 'event-type': 'order.shipped', 'schema-version': '1', 'occurred-at': new Date().toISOString(), 'correlation-id': 'c' };
    broker.publishRaw('order.shipped', { body: new TextEncoder().encode(JSON.stringify({ orderId: 7, status: 'lost' })), headers });
    await until(() => (broker.deadLetters('g') as DeadLetter[]).length > 0, 'the dead letter');
    const [letter] = broker.deadLetters('g') as DeadLetter[];
    expect(letter?.error).toContain('"orderId" should be a string; "status" should be one of "placed", "shipped"; "occurredAt" is missing');
    await broker.close();
  });

  it('refuses to publish an object that is not a domain event', async () => {
    const bus = new BrokerEventBus(createMessageBroker({}).publisher());
    await expect(bus.publish({ occurredAt: new Date() })).rejects.toThrow('Object is not a domain event known to the messaging layer');
  });
});
`;

// Also written into the generated project: the composition root picking NATS JetStream, with the domain's events on their subjects.
const natsDomainEventsTest = `import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderPlaced } from '../src/domain/order/events/order-placed.js';
import { OrderShipped } from '../src/domain/order/events/order-shipped.js';
import { OrderId } from '../src/domain/order/order-id.js';
import { OrderStatus } from '../src/domain/order/order-status.js';
import { BrokerEventBus, createMessageBroker, EventHandlers, domainEvents } from '../src/infrastructure/messaging/index.js';
import { deleteStreams, natsConfigFromEnv } from '../src/infrastructure/messaging/nats/index.js';
import { redactServers } from '../src/infrastructure/messaging/nats/connection.js';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const up = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port || 4222) });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});

describe('the NATS configuration from the environment', () => {
  it('defaults, derives the dead-letter stream, and refuses what NATS would refuse', () => {
    const config = natsConfigFromEnv({ NATS_URL: 'nats://a:4222, nats://b:4222', NATS_STREAM: 'ORDERS', NATS_PREFETCH: '5' });
    expect(config).toMatchObject({ servers: ['nats://a:4222', 'nats://b:4222'], stream: 'ORDERS', deadLetterStream: 'ORDERS_DEAD_LETTER', subjectPrefix: 'domain-events', prefetch: 5, storage: 'file' });
    expect(natsConfigFromEnv({ NATS_USER: 'u', NATS_PASSWORD: 'p' }).auth).toEqual({ user: 'u', pass: 'p' });
    expect(() => natsConfigFromEnv({ NATS_STREAM: 'orders.v1' })).toThrow('NATS_STREAM must be letters, digits');
    expect(() => natsConfigFromEnv({ NATS_SUBJECT_PREFIX: 'events.>' })).toThrow('NATS_SUBJECT_PREFIX must be dot-separated tokens');
    expect(() => natsConfigFromEnv({ NATS_PULL_EXPIRES_MS: '10' })).toThrow('NATS_PULL_EXPIRES_MS must be an integer ≥ 1000');
    expect(() => natsConfigFromEnv({ NATS_STREAM_STORAGE: 'disk' })).toThrow('NATS_STREAM_STORAGE must be one of "file", "memory"');
    expect(redactServers(['nats://me:secret@host:4222', 'nats://token@host:4223'])).toBe('nats://me:***@host:4222, nats://***@host:4223');
  });
});

describe.runIf(up)('domain events over NATS JetStream', () => {
  const name = randomUUID().slice(0, 8);
  const env = { MESSAGING_BROKER: 'nats', NATS_URL: url, NATS_STREAM: \`DOMAIN_\${name}\`, NATS_SUBJECT_PREFIX: \`domain-\${name}\` };

  afterAll(async () => {
    const client = await connect({ servers: url });
    await deleteStreams(await client.jetstreamManager(), natsConfigFromEnv(env));
    await client.close();
  });

  it('carries the domain events through the composition root, each on its own subject', async () => {
    const broker = createMessageBroker(env);
    const received: object[] = [];
    const handlers = new EventHandlers(domainEvents)
      .subscribe(OrderPlaced, (event) => void received.push(event))
      .subscribe(OrderShipped, (event) => void received.push(event));
    await broker.consumer({ group: 'projections', handlers }).start();
    const placed = new OrderPlaced(new OrderId('o-1'), 42.5, ['a', 'b'], new Date('2024-01-02T03:04:05.000Z'), 'gift');
    const shipped = OrderShipped.create({ orderId: new OrderId('o-1'), status: OrderStatus.Shipped, carrier: 'ups', occurredAt: new Date('2024-01-03T00:00:00.000Z') });
    await new BrokerEventBus(broker.publisher()).publishAll([placed, shipped]);
    for (const deadline = Date.now() + 30_000; received.length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([placed, shipped]);
    await broker.close();
    const client = await connect({ servers: url });
    const info = await (await client.jetstreamManager()).streams.info(env.NATS_STREAM);
    await client.close();
    expect(info.config.subjects).toEqual([\`domain-\${name}.order.placed\`, \`domain-\${name}.order.shipped\`]);
    expect(info.state.messages).toBe(2);
  });
});
`;

interface VitestReport {
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

describe.each([
  ['with the domain publisher port', true],
  ['without a publisher port', false],
])('generated messaging %s', (_name, withPort) => {
  let project: TempProject;
  beforeAll(async () => {
    project = await generateProject(orderModel(withPort), ['rabbitmq', 'kafka', 'nats'], withPort ? { 'test/domain-events.test.ts': domainEventsTest, 'test/nats-domain-events.test.ts': natsDomainEventsTest } : {});
  });
  afterAll(() => project.remove());

  it('type-checks under strict NodeNext settings', () => {
    const result = run('tsc', ['-p', '.'], project.root);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(withPort)('passes its acceptance suite on the in-memory broker, RabbitMQ, NATS JetStream and Kafka', async () => {
    // Each throws under INFRAGEN_REQUIRE_SERVICES=1 when its service is down; otherwise the generated suite skips it.
    const rabbitMq = await serviceAvailable('amqp');
    const nats = await serviceAvailable('nats');
    const kafka = await serviceAvailable('kafka');
    const reportFile = path.join(project.root, 'report.json');
    const result = run('vitest', ['run', 'test', '--reporter=json', `--outputFile=${reportFile}`], project.root, { KAFKA_BROKERS: kafka ? kafkaBrokers : '' });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
    const outcomes = report.testResults.flatMap((file) => file.assertionResults);
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    expect(failed.map((outcome) => `${outcome.fullName}\n${outcome.failureMessages.join('\n')}`)).toEqual([]);
    expect(result.status).toBe(0);
    const passed = (suite: string) => outcomes.filter((outcome) => outcome.fullName.includes(suite) && outcome.status === 'passed').length;
    expect(passed('in-memory')).toBe(12);
    expect(passed('rabbitmq')).toBe(rabbitMq ? 20 : 0);
    expect(passed('acceptance: nats')).toBe(nats ? 19 : 0);
    expect(passed('domain events over NATS JetStream')).toBe(nats ? 1 : 0);
    expect(passed('acceptance: kafka')).toBe(kafka ? 18 : 0);
    expect(passed('the NATS configuration from the environment')).toBe(1);
    expect(passed('the generated event map')).toBe(3);
  }, 480_000);
});
