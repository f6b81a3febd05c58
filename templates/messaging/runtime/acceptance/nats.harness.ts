import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { connect } from 'nats';
import { NatsBroker } from '../messaging/nats/broker.js';
import { natsConfigFromEnv, type NatsConfig } from '../messaging/nats/config.js';
import { publishAcked } from '../messaging/nats/publish.js';
import { deleteStreams, eventSubject } from '../messaging/nats/topology.js';
import { silentLogger } from '../messaging/shared/logger.js';
import type { MessageBroker } from '../messaging/shared/ports.js';
import type { BrokerHarness, HarnessSettings } from './harness.js';
import { probeCatalog, type ProbeEvent } from './probe-events.js';
import { TcpProxy } from './tcp-proxy.js';

const brokerUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

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

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

function hostAndPort(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port || 4222) };
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
  const name = env.WORKER_TOPOLOGY;
  if (name === undefined) throw new Error('WORKER_TOPOLOGY is required');
  const config = testConfig(env.NATS_URL ?? brokerUrl, name, { retry: JSON.parse(env.WORKER_RETRY ?? '{}'), prefetch: Number(env.WORKER_PREFETCH) });
  return new NatsBroker({ catalog: probeCatalog, config, logger: silentLogger });
}

export const natsHarness: BrokerHarness = {
  name: 'nats',
  workerModule: new URL('./nats.harness.js', import.meta.url).href,

  available: () =>
    new Promise((resolve) => {
      const socket = net.connect(hostAndPort(brokerUrl));
      socket.setTimeout(1_500, () => (socket.destroy(), resolve(false)));
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    }),

  async create(settings) {
    // Through a proxy, so that the suite can cut the connections from the server's side.
    const proxy = await TcpProxy.start(hostAndPort(brokerUrl));
    const name = randomUUID().slice(0, 8);
    const config = testConfig(withPort(brokerUrl, proxy.port), name, settings);
    const broker = new NatsBroker({ catalog: probeCatalog, config, logger: silentLogger, connectionName: `acceptance-${name}` });
    return {
      broker,
      async publishRaw(routingKey, message) {
        const { js } = await broker.connection.get();
        await publishAcked(js, eventSubject(config, routingKey), message, { stream: config.stream, timeoutMs: config.publishTimeoutMs });
      },
      deadLetters: (group) => broker.deadLetters(group),
      cutConnections: async () => proxy.cut(),
      workerEnv: () => ({
        NATS_URL: brokerUrl,
        WORKER_TOPOLOGY: name,
        WORKER_RETRY: JSON.stringify(settings.retry),
        WORKER_PREFETCH: String(config.prefetch),
      }),
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
    const config = { ...testConfig(url, 'unreachable', { retry: { maxAttempts: 1, baseDelayMs: 0, factor: 1, maxDelayMs: 0 } }), publishTimeoutMs };
    return new NatsBroker({ catalog: probeCatalog, config, logger: silentLogger });
  },
};
