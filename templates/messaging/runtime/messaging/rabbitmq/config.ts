import { numberFromEnv, retryPolicyFromEnv, type Environment } from '../shared/env.js';
import { MessagingConfigError } from '../shared/errors.js';
import type { RetryPolicy } from '../shared/retry-policy.js';

export interface RabbitMqConfig {
  url: string;
  /** The topic exchange every event is published to. */
  exchange: string;
  /** Unacknowledged messages per consumer: the bound on concurrent handlers. */
  prefetch: number;
  /** Quorum queues are replicated and survive a node loss; classic queues suit a single development node. */
  queueType: 'quorum' | 'classic';
  /** `publish` rejects with `BrokerUnavailableError` when the broker has not confirmed within this time. */
  publishTimeoutMs: number;
  /** How long to wait for a connection before an operation fails. */
  connectTimeoutMs: number;
  /** AMQP heartbeat: a silent peer is taken as gone after two intervals (unless the URL sets `heartbeat`). */
  heartbeatSeconds: number;
  /** Backoff between reconnection attempts: doubles from `baseDelayMs` up to `maxDelayMs`. */
  reconnect: { baseDelayMs: number; maxDelayMs: number };
  retry: RetryPolicy;
}

/**
 * AMQP_URL, AMQP_EXCHANGE, AMQP_PREFETCH, AMQP_QUEUE_TYPE, AMQP_PUBLISH_TIMEOUT_MS, AMQP_CONNECT_TIMEOUT_MS, AMQP_HEARTBEAT_SECONDS,
 * AMQP_RECONNECT_BASE_DELAY_MS, AMQP_RECONNECT_MAX_DELAY_MS and the MESSAGING_RETRY_* variables.
 */
export function rabbitMqConfigFromEnv(env: Environment = process.env): RabbitMqConfig {
  const queueType = env.AMQP_QUEUE_TYPE ?? 'quorum';
  if (queueType !== 'quorum' && queueType !== 'classic') {
    throw new MessagingConfigError(`AMQP_QUEUE_TYPE must be "quorum" or "classic", got "${queueType}"`);
  }
  return {
    url: env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    exchange: env.AMQP_EXCHANGE ?? 'domain-events',
    prefetch: numberFromEnv(env, 'AMQP_PREFETCH', 20, { min: 1 }),
    queueType,
    publishTimeoutMs: numberFromEnv(env, 'AMQP_PUBLISH_TIMEOUT_MS', 5_000, { min: 1 }),
    connectTimeoutMs: numberFromEnv(env, 'AMQP_CONNECT_TIMEOUT_MS', 5_000, { min: 1 }),
    heartbeatSeconds: numberFromEnv(env, 'AMQP_HEARTBEAT_SECONDS', 30, { min: 1 }),
    reconnect: {
      baseDelayMs: numberFromEnv(env, 'AMQP_RECONNECT_BASE_DELAY_MS', 200, { min: 1 }),
      maxDelayMs: numberFromEnv(env, 'AMQP_RECONNECT_MAX_DELAY_MS', 10_000, { min: 1 }),
    },
    retry: retryPolicyFromEnv(env),
  };
}
