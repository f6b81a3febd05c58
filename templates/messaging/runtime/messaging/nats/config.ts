import { choiceFromEnv, numberFromEnv, retryPolicyFromEnv, type Environment } from '../shared/env.js';
import { MessagingConfigError } from '../shared/errors.js';
import type { RetryPolicy } from '../shared/retry-policy.js';

export interface NatsConfig {
  /** One or more `nats://` URLs of the same cluster. */
  servers: string[];
  /** Credentials, when the server wants them and the URLs do not carry them. */
  auth?: { user: string; pass: string } | { token: string };
  /** The JetStream stream holding every event of the catalog. */
  stream: string;
  /** Events are published on `<subjectPrefix>.<event type>`, e.g. `domain-events.order.placed`. */
  subjectPrefix: string;
  /** The stream dead letters go to, on `<subjectPrefix>.dead-letter.<group>`. */
  deadLetterStream: string;
  /** Messages one consumer handles at once (its pull batch): the bound on concurrent handlers. */
  prefetch: number;
  /** Unacknowledged messages across all the consumers of a group (the durable consumer's `max_ack_pending`). */
  maxAckPending: number;
  /** Redelivery after this long without an ack; consumers extend it while a handler still runs. */
  ackWaitMs: number;
  /** How long one pull request waits for messages before the next is issued (at least 1000). */
  pullExpiresMs: number;
  /** `publish` rejects with `BrokerUnavailableError` when JetStream has not acknowledged within this time. */
  publishTimeoutMs: number;
  /** How long to wait for a connection before an operation fails. */
  connectTimeoutMs: number;
  /** Backoff between reconnection attempts: doubles from `baseDelayMs` up to `maxDelayMs`. */
  reconnect: { baseDelayMs: number; maxDelayMs: number };
  /** A connection that leaves 3 pings in a row unanswered is considered dead and replaced. */
  pingIntervalMs: number;
  /** File streams survive a server restart; memory streams suit throwaway development servers. */
  storage: 'file' | 'memory';
  replicas: number;
  /** Events older than this are removed from the stream, consumed or not. */
  maxAgeMs: number;
  /** Publishes repeating a message id within this window are stored once. */
  duplicateWindowMs: number;
  retry: RetryPolicy;
}

const streamName = /^[A-Za-z0-9_-]+$/;
const subjectPrefix = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function matching(env: Environment, name: string, pattern: RegExp, fallback: string, what: string): string {
  const value = env[name] ?? fallback;
  if (!pattern.test(value)) throw new MessagingConfigError(`${name} must be ${what}, got "${value}"`);
  return value;
}

/**
 * NATS_URL (comma-separated), NATS_USER + NATS_PASSWORD or NATS_TOKEN, NATS_STREAM, NATS_SUBJECT_PREFIX,
 * NATS_DEAD_LETTER_STREAM, NATS_PREFETCH, NATS_MAX_ACK_PENDING, NATS_ACK_WAIT_MS, NATS_PULL_EXPIRES_MS,
 * NATS_PUBLISH_TIMEOUT_MS, NATS_CONNECT_TIMEOUT_MS, NATS_RECONNECT_BASE_DELAY_MS, NATS_RECONNECT_MAX_DELAY_MS,
 * NATS_PING_INTERVAL_MS, NATS_STREAM_STORAGE, NATS_STREAM_REPLICAS, NATS_STREAM_MAX_AGE_MS,
 * NATS_DUPLICATE_WINDOW_MS and the MESSAGING_RETRY_* variables.
 */
export function natsConfigFromEnv(env: Environment = process.env): NatsConfig {
  const servers = (env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',').map((server) => server.trim()).filter(Boolean);
  if (servers.length === 0) throw new MessagingConfigError('NATS_URL must name at least one server');
  const stream = matching(env, 'NATS_STREAM', streamName, 'DOMAIN_EVENTS', 'letters, digits, "-" or "_"');
  const maxAgeMs = numberFromEnv(env, 'NATS_STREAM_MAX_AGE_MS', 7 * 24 * 3_600_000, { min: 1_000 });
  const duplicateWindowMs = numberFromEnv(env, 'NATS_DUPLICATE_WINDOW_MS', 120_000, { min: 100 });
  if (duplicateWindowMs > maxAgeMs) throw new MessagingConfigError('NATS_DUPLICATE_WINDOW_MS cannot exceed NATS_STREAM_MAX_AGE_MS');
  let auth: NatsConfig['auth'];
  if (env.NATS_TOKEN !== undefined && env.NATS_TOKEN !== '') auth = { token: env.NATS_TOKEN };
  else if (env.NATS_USER !== undefined && env.NATS_USER !== '') auth = { user: env.NATS_USER, pass: env.NATS_PASSWORD ?? '' };
  return {
    servers,
    ...(auth !== undefined && { auth }),
    stream,
    subjectPrefix: matching(env, 'NATS_SUBJECT_PREFIX', subjectPrefix, 'domain-events', 'dot-separated tokens of letters, digits, "-" or "_"'),
    deadLetterStream: matching(env, 'NATS_DEAD_LETTER_STREAM', streamName, `${stream}_DEAD_LETTER`, 'letters, digits, "-" or "_"'),
    prefetch: numberFromEnv(env, 'NATS_PREFETCH', 20, { min: 1 }),
    maxAckPending: numberFromEnv(env, 'NATS_MAX_ACK_PENDING', 1_000, { min: 1 }),
    ackWaitMs: numberFromEnv(env, 'NATS_ACK_WAIT_MS', 30_000, { min: 1_000 }),
    pullExpiresMs: numberFromEnv(env, 'NATS_PULL_EXPIRES_MS', 10_000, { min: 1_000 }),
    publishTimeoutMs: numberFromEnv(env, 'NATS_PUBLISH_TIMEOUT_MS', 5_000, { min: 1 }),
    connectTimeoutMs: numberFromEnv(env, 'NATS_CONNECT_TIMEOUT_MS', 5_000, { min: 1 }),
    reconnect: {
      baseDelayMs: numberFromEnv(env, 'NATS_RECONNECT_BASE_DELAY_MS', 200, { min: 1 }),
      maxDelayMs: numberFromEnv(env, 'NATS_RECONNECT_MAX_DELAY_MS', 10_000, { min: 1 }),
    },
    pingIntervalMs: numberFromEnv(env, 'NATS_PING_INTERVAL_MS', 10_000, { min: 100 }),
    storage: choiceFromEnv(env, 'NATS_STREAM_STORAGE', ['file', 'memory'], 'file'),
    replicas: numberFromEnv(env, 'NATS_STREAM_REPLICAS', 1, { min: 1 }),
    maxAgeMs,
    duplicateWindowMs,
    retry: retryPolicyFromEnv(env),
  };
}
