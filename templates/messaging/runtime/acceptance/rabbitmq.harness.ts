import { connect } from 'amqplib';
import { RabbitMqBroker } from '../messaging/rabbitmq/broker.js';
import { rabbitMqConfigFromEnv, type RabbitMqConfig } from '../messaging/rabbitmq/config.js';
import { publishConfirmed } from '../messaging/rabbitmq/confirm.js';
import { deleteGroup } from '../messaging/rabbitmq/topology.js';
import { silentLogger, type MessagingLogger } from '../messaging/shared/logger.js';
import type { ConsumerOptions } from '../messaging/shared/ports.js';
import type { BrokerHarness, HarnessSettings } from './harness.js';
import { canConnect, closedPort, hostAndPort, noRetry, proxyTo, topologyName, withPort, workerConnector, workerEnv } from './network-harness.js';
import { probeCatalog, type ProbeEvent } from './probe-events.js';

const brokerUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const amqpPort = 5672;

/** A fresh topology per test: its own exchange, and so its own queues. */
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

function probeBroker(config: RabbitMqConfig, connectionName?: string, logger: MessagingLogger = silentLogger): RabbitMqBroker<ProbeEvent> {
  return new RabbitMqBroker({ catalog: probeCatalog, config, logger, ...(connectionName !== undefined && { connectionName }) });
}

/** Used by consumer-worker.ts in its own process. */
export const connectWorker = workerConnector((exchange, settings, logger) => probeBroker(testConfig(brokerUrl, exchange, settings), undefined, logger));

export const rabbitMqHarness: BrokerHarness = {
  name: 'rabbitmq',
  workerModule: import.meta.url,
  countsDeliveries: true,
  available: () => canConnect(hostAndPort(brokerUrl, amqpPort)),

  async create(settings) {
    const { proxy, url } = await proxyTo(brokerUrl, amqpPort);
    const exchange = `acceptance.${topologyName()}`;
    const config = testConfig(url, exchange, settings);
    const broker = probeBroker(config, exchange);
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
      holdConnections: () => proxy.hold(),
      async publishTyped(routingKey, body, headers) {
        const channel = await (await broker.connection.get()).createConfirmChannel();
        channel.publish(exchange, routingKey, Buffer.from(body), { persistent: true, headers });
        await channel.waitForConfirms();
        await channel.close();
      },
      workerEnv: (group) => {
        groups.add(group);
        return workerEnv(exchange, settings, config.prefetch);
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
    return probeBroker({ ...testConfig(url, 'unreachable', { retry: noRetry }), publishTimeoutMs });
  },
};
