import net from 'node:net';

/** Local defaults of the services the tests use; each can be overridden by its environment variable. */
export const serviceUrls = {
  database: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  amqp: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  nats: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  /** The first of `KAFKA_BROKERS` (host:port list), as a URL for the reachability check. */
  kafka: `kafka://${(process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',')[0]!.trim()}`,
} as const;

/** `KAFKA_BROKERS` as the generated Kafka adapter reads it. */
export const kafkaBrokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';

/** Under `INFRAGEN_REQUIRE_SERVICES=1` (CI) a missing service fails the run instead of skipping tests. */
export const servicesRequired = process.env.INFRAGEN_REQUIRE_SERVICES === '1';

function reachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves to true when the service answers. When it does not, returns false so the caller can skip,
 * or throws when services are required.
 */
export async function serviceAvailable(name: keyof typeof serviceUrls): Promise<boolean> {
  const url = serviceUrls[name];
  if (await reachable(url)) return true;
  if (servicesRequired) throw new Error(`${name} is required (INFRAGEN_REQUIRE_SERVICES=1) but ${url} does not answer`);
  return false;
}
