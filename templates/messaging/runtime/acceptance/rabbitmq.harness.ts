import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { connect } from 'amqplib';
import { RabbitMqBroker } from '../messaging/rabbitmq/broker.js';
import { rabbitMqConfigFromEnv, type RabbitMqConfig } from '../messaging/rabbitmq/config.js';
import { publishConfirmed } from '../messaging/rabbitmq/confirm.js';
import { deleteGroup } from '../messaging/rabbitmq/topology.js';
import { silentLogger } from '../messaging/shared/logger.js';
import type { ConsumerOptions, MessageBroker } from '../messaging/shared/ports.js';
import type { BrokerHarness, HarnessSettings } from './harness.js';
import { probeCatalog, type ProbeEvent } from './probe-events.js';
import { TcpProxy } from './tcp-proxy.js';

const brokerUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

function testConfig(url: string, exchange: string, settings: HarnessSettings): RabbitMqConfig {
  const fromEnv = rabbitMqConfigFromEnv({ AMQP_URL: url, AMQP_EXCHANGE: exchange });
  return {
    ...fromEnv,
    prefetch: settings.prefetch ?? fromEnv.prefetch,
    publishTimeoutMs: 5_000,
    connectTimeoutMs: 3_000,
    reconnect: { baseDelayMs: 50, maxDelayMs: 1_000 },
    retry: settings.retry,
  };
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

/** Used by consumer-worker.ts in its own process. */
export async function connectWorker(env: NodeJS.ProcessEnv): Promise<MessageBroker<ProbeEvent>> {
  const exchange = env.WORKER_EXCHANGE;
  if (exchange === undefined) throw new Error('WORKER_EXCHANGE is required');
  const config = testConfig(env.AMQP_URL ?? brokerUrl, exchange, { retry: JSON.parse(env.WORKER_RETRY ?? '{}'), prefetch: Number(env.WORKER_PREFETCH) });
  return new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger });
}

export const rabbitMqHarness: BrokerHarness = {
  name: 'rabbitmq',
  workerModule: new URL('./rabbitmq.harness.js', import.meta.url).href,

  available: () =>
    new Promise((resolve) => {
      const { hostname, port } = new URL(brokerUrl);
      const socket = net.connect({ host: hostname, port: Number(port || 5672) });
      socket.setTimeout(1_500, () => (socket.destroy(), resolve(false)));
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    }),

  async create(settings) {
    const target = new URL(brokerUrl);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5672) });
    const exchange = `acceptance.${randomUUID().slice(0, 8)}`;
    const config = testConfig(withPort(brokerUrl, proxy.port), exchange, settings);
    const broker = new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger, connectionName: exchange });
    const groups = new Set<string>();
    const consumer = broker.consumer.bind(broker);
    broker.consumer = (options: ConsumerOptions<ProbeEvent>) => {
      groups.add(options.group);
      return consumer(options);
    };
    return {
      broker,
      async publishRaw(routingKey, message) {
        const channel = await (await broker.connection.get()).createConfirmChannel();
        await publishConfirmed(channel, exchange, routingKey, message);
        await channel.close();
      },
      deadLetters: (group) => broker.deadLetters(group),
      cutConnections: async () => proxy.cut(),
      workerEnv: (group) => {
        groups.add(group);
        return {
          AMQP_URL: brokerUrl,
          WORKER_EXCHANGE: exchange,
          WORKER_RETRY: JSON.stringify(settings.retry),
          WORKER_PREFETCH: String(config.prefetch),
        };
      },
      async dispose() {
        await broker.close();
        await proxy.close();
        const connection = await connect(brokerUrl);
        const channel = await connection.createChannel();
        for (const group of groups) await deleteGroup(channel, broker.topology(group));
        await channel.deleteExchange(exchange);
        await connection.close();
      },
    };
  },

  async createUnreachable(publishTimeoutMs) {
    const url = withPort(brokerUrl, await closedPort());
    const config = { ...testConfig(url, 'unreachable', { retry: { maxAttempts: 1, baseDelayMs: 0, factor: 1, maxDelayMs: 0 } }), publishTimeoutMs };
    return new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger });
  },
};
