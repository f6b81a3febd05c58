// What the harnesses of networked brokers share: addresses, a proxy to cut connections, worker processes.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { MessagingLogger } from '../messaging/shared/logger.js';
import type { MessageBroker } from '../messaging/shared/ports.js';
import type { RetryPolicy } from '../messaging/shared/retry-policy.js';
import type { HarnessSettings } from './harness.js';
import type { ProbeEvent } from './probe-events.js';
import { TcpProxy } from './tcp-proxy.js';

/** For brokers nobody answers on: the publish timeout is what is tested, so nothing is retried. */
export const noRetry: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, factor: 1, maxDelayMs: 0 };

/** A name for a fresh topology (exchange, stream or topic), so that tests never share one. */
export function topologyName(): string {
  return randomUUID().slice(0, 8);
}

export function hostAndPort(url: string, defaultPort: number): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port || defaultPort) };
}

export function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/** Whether something accepts TCP connections there. */
export function canConnect(target: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(target);
    socket.setTimeout(1_500, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A local port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

/** A proxy in front of the broker at `url`, so that the suite can cut the connections from the server's side; `url` is the proxy's address. */
export async function proxyTo(brokerUrl: string, defaultPort: number): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await TcpProxy.start(hostAndPort(brokerUrl, defaultPort));
  return { proxy, url: withPort(brokerUrl, proxy.port) };
}

/** The environment a consumer worker process needs to join `topology` with the same settings. */
export function workerEnv(topology: string, settings: HarnessSettings, prefetch: number): Record<string, string> {
  return { WORKER_TOPOLOGY: topology, WORKER_RETRY: JSON.stringify(settings.retry), WORKER_PREFETCH: String(prefetch) };
}

type BrokerFactory = (topology: string, settings: HarnessSettings, logger: MessagingLogger) => MessageBroker<ProbeEvent>;

/** A worker's logger: one `log:` line per entry on its standard output, where the suite reads it. */
const workerLogger: MessagingLogger = {
  warn: (message, details) => process.stdout.write(`log: warn ${message} ${JSON.stringify(details ?? {})}\n`),
  error: (message, details) => process.stdout.write(`log: error ${message} ${JSON.stringify(details ?? {})}\n`),
};

/** The `connectWorker` a harness exports for consumer-worker.ts: the broker of the topology `workerEnv` names. */
export function workerConnector(broker: BrokerFactory): (env: NodeJS.ProcessEnv) => Promise<MessageBroker<ProbeEvent>> {
  return async (env) => {
    const topology = env.WORKER_TOPOLOGY;
    if (topology === undefined) throw new Error('WORKER_TOPOLOGY is required');
    return broker(topology, { retry: JSON.parse(env.WORKER_RETRY ?? '{}') as RetryPolicy, prefetch: Number(env.WORKER_PREFETCH) }, workerLogger);
  };
}
