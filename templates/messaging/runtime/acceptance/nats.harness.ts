import { connect } from 'nats';
import { NatsBroker } from '../messaging/nats/broker.js';
import { natsConfigFromEnv, type NatsConfig } from '../messaging/nats/config.js';
import { publishAcked } from '../messaging/nats/publish.js';
import { deleteStreams, eventSubject } from '../messaging/nats/topology.js';
import { silentLogger, type MessagingLogger } from '../messaging/shared/logger.js';
import type { BrokerHarness, HarnessSettings } from './harness.js';
import { canConnect, closedPort, hostAndPort, noRetry, proxyTo, topologyName, withPort, workerConnector, workerEnv } from './network-harness.js';
import { probeCatalog, type ProbeEvent } from './probe-events.js';

const brokerUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const natsPort = 4222;

/** A fresh topology per test: its own stream, dead-letter stream and subject prefix. */
function testConfig(url: string, name: string, settings: HarnessSettings): NatsConfig {
  const fromEnv = natsConfigFromEnv({ NATS_URL: url, NATS_STREAM: `ACCEPTANCE_${name}`, NATS_SUBJECT_PREFIX: `acceptance-${name}` });
  return {
    ...fromEnv,
    prefetch: settings.prefetch ?? fromEnv.prefetch,
    publishTimeoutMs: 5_000,
    connectTimeoutMs: 3_000,
    // Messages of a killed consumer come back after this.
    ackWaitMs: 3_000,
    pullExpiresMs: 5_000,
    reconnect: { baseDelayMs: 50, maxDelayMs: 1_000 },
    retry: settings.retry,
  };
}

function probeBroker(config: NatsConfig, connectionName?: string, logger: MessagingLogger = silentLogger): NatsBroker<ProbeEvent> {
  return new NatsBroker({ catalog: probeCatalog, config, logger, ...(connectionName !== undefined && { connectionName }) });
}

/** Used by consumer-worker.ts in its own process. */
export const connectWorker = workerConnector((name, settings, logger) => probeBroker(testConfig(brokerUrl, name, settings), undefined, logger));

export const natsHarness: BrokerHarness = {
  name: 'nats',
  workerModule: import.meta.url,
  countsDeliveries: true,
  available: () => canConnect(hostAndPort(brokerUrl, natsPort)),

  async create(settings) {
    const { proxy, url } = await proxyTo(brokerUrl, natsPort);
    const name = topologyName();
    const config = testConfig(url, name, settings);
    const broker = probeBroker(config, `acceptance-${name}`);
    return {
      broker,
      async publishRaw(routingKey, message) {
        const { js } = await broker.connection.get();
        await publishAcked(js, eventSubject(config, routingKey), message, { stream: config.stream, timeoutMs: config.publishTimeoutMs });
      },
      deadLetters: (group) => broker.deadLetters(group),
      cutConnections: async () => proxy.cut(),
      holdConnections: () => proxy.hold(),
      workerEnv: () => workerEnv(name, settings, config.prefetch),
      async dispose() {
        await broker.close();
        await proxy.close();
        const client = await connect({ servers: brokerUrl });
        try {
          await deleteStreams(await client.jetstreamManager(), config);
        } finally {
          await client.close();
        }
      },
    };
  },

  async createUnreachable(publishTimeoutMs) {
    const url = withPort(brokerUrl, await closedPort());
    return probeBroker({ ...testConfig(url, 'unreachable', { retry: noRetry }), publishTimeoutMs });
  },
};
