import { choiceFromEnv, numberFromEnv, retryPolicyFromEnv, type Environment } from '../shared/env.js';
import { MessagingConfigError } from '../shared/errors.js';
import type { RetryPolicy } from '../shared/retry-policy.js';

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaConfig {
  /** `host:port` of one or more brokers of the cluster (the bootstrap list). */
  brokers: string[];
  /** Shown in the brokers' logs and quotas; consumers add their group to it. */
  clientId: string;
  /** TLS to the brokers, with the system's certificate authorities. */
  ssl: boolean;
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
  /**
   * The one topic holding every event of the catalog, keyed by ordering key (the aggregate id): events of
   * one aggregate land on one partition and keep their order across event types. Consumers skip the
   * types their group has no handler for.
   */
  topic: string;
  /** Partitions and replication of the topics this adapter creates (events and dead letters). */
  partitions: number;
  replicationFactor: number;
  /** Where a group that has never committed starts: only new events (`latest`), or the whole retained topic. */
  newGroupStart: 'latest' | 'earliest';
  /** Partitions one consumer handles at once (kafkajs `partitionsConsumedConcurrently`): the bound on concurrent handlers. */
  concurrency: number;
  /** A member that sends no heartbeat for this long is dropped from its group and its partitions reassigned. */
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /**
   * How long a fetch waits for new records (kafkajs `maxWaitTimeInMs`; the Java client's default, kafkajs'
   * is 5000). A retry runs up to this much later than its delay: its partition resumes between fetches.
   */
  fetchMaxWaitMs: number;
  /** Handled offsets are committed at least this often, and after every batch. */
  commitIntervalMs: number;
  /** `publish` rejects with `BrokerUnavailableError` when the brokers have not acknowledged (acks=-1) within this time. */
  publishTimeoutMs: number;
  /** kafkajs `connectionTimeout`: the TCP (and TLS) handshake with one broker. */
  connectionTimeoutMs: number;
  /** kafkajs `requestTimeout`: one request to a broker. */
  requestTimeoutMs: number;
  /** Backoff of reconnections and retried requests: grows from `baseDelayMs` up to `maxDelayMs`, `retries` times per operation. */
  reconnect: { baseDelayMs: number; maxDelayMs: number; retries: number };
  retry: RetryPolicy;
}

/** Kafka's own rule for topic names. */
const topicName = /^[A-Za-z0-9._-]{1,200}$/;
const saslMechanisms: readonly KafkaSaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

function flag(env: Environment, name: string): boolean {
  const value = choiceFromEnv({ [name]: env[name] || undefined }, name, ['true', 'false', '1', '0'], 'false');
  return value === 'true' || value === '1';
}

function brokerList(raw: string): string[] {
  const brokers = raw.split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) throw new MessagingConfigError('KAFKA_BROKERS must name at least one broker');
  for (const broker of brokers) {
    const port = Number(broker.slice(broker.lastIndexOf(':') + 1));
    if (broker.includes('://') || !broker.includes(':') || !Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new MessagingConfigError(`KAFKA_BROKERS must be comma-separated host:port pairs, got "${broker}"`);
    }
  }
  return brokers;
}

function sasl(env: Environment): KafkaConfig['sasl'] {
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism === undefined || mechanism === '') return undefined;
  const checked = choiceFromEnv(env, 'KAFKA_SASL_MECHANISM', saslMechanisms, 'plain');
  const username = env.KAFKA_SASL_USERNAME ?? '';
  if (username === '') throw new MessagingConfigError('KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM');
  return { mechanism: checked, username, password: env.KAFKA_SASL_PASSWORD ?? '' };
}

/**
 * KAFKA_BROKERS (comma-separated host:port), KAFKA_CLIENT_ID, KAFKA_SSL, KAFKA_SASL_MECHANISM +
 * KAFKA_SASL_USERNAME + KAFKA_SASL_PASSWORD, KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR,
 * KAFKA_NEW_GROUP_START, KAFKA_CONCURRENCY, KAFKA_SESSION_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS,
 * KAFKA_FETCH_MAX_WAIT_MS, KAFKA_COMMIT_INTERVAL_MS, KAFKA_PUBLISH_TIMEOUT_MS, KAFKA_CONNECTION_TIMEOUT_MS, KAFKA_REQUEST_TIMEOUT_MS,
 * KAFKA_RECONNECT_BASE_DELAY_MS, KAFKA_RECONNECT_MAX_DELAY_MS, KAFKA_RECONNECT_RETRIES and the
 * MESSAGING_RETRY_* variables.
 */
export function kafkaConfigFromEnv(env: Environment = process.env): KafkaConfig {
  const topic = env.KAFKA_TOPIC ?? 'domain-events';
  if (!topicName.test(topic) || topic === '.' || topic === '..') {
    throw new MessagingConfigError(`KAFKA_TOPIC must be 1 to 200 letters, digits, ".", "_" or "-", got "${topic}"`);
  }
  const sessionTimeoutMs = numberFromEnv(env, 'KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 1_000 });
  const heartbeatIntervalMs = numberFromEnv(env, 'KAFKA_HEARTBEAT_INTERVAL_MS', 3_000, { min: 100 });
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs) throw new MessagingConfigError('KAFKA_HEARTBEAT_INTERVAL_MS must be at most a third of KAFKA_SESSION_TIMEOUT_MS');
  const baseDelayMs = numberFromEnv(env, 'KAFKA_RECONNECT_BASE_DELAY_MS', 300, { min: 1 });
  const maxDelayMs = numberFromEnv(env, 'KAFKA_RECONNECT_MAX_DELAY_MS', 30_000, { min: 1 });
  if (baseDelayMs > maxDelayMs) throw new MessagingConfigError('KAFKA_RECONNECT_BASE_DELAY_MS cannot exceed KAFKA_RECONNECT_MAX_DELAY_MS');
  const credentials = sasl(env);
  return {
    brokers: brokerList(env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    clientId: env.KAFKA_CLIENT_ID || 'infragen-messaging',
    ssl: flag(env, 'KAFKA_SSL'),
    ...(credentials !== undefined && { sasl: credentials }),
    topic,
    partitions: numberFromEnv(env, 'KAFKA_TOPIC_PARTITIONS', 6, { min: 1 }),
    replicationFactor: numberFromEnv(env, 'KAFKA_REPLICATION_FACTOR', 1, { min: 1 }),
    newGroupStart: choiceFromEnv(env, 'KAFKA_NEW_GROUP_START', ['latest', 'earliest'], 'latest'),
    concurrency: numberFromEnv(env, 'KAFKA_CONCURRENCY', 6, { min: 1 }),
    sessionTimeoutMs,
    heartbeatIntervalMs,
    fetchMaxWaitMs: numberFromEnv(env, 'KAFKA_FETCH_MAX_WAIT_MS', 500, { min: 1 }),
    commitIntervalMs: numberFromEnv(env, 'KAFKA_COMMIT_INTERVAL_MS', 1_000, { min: 0 }),
    publishTimeoutMs: numberFromEnv(env, 'KAFKA_PUBLISH_TIMEOUT_MS', 5_000, { min: 1 }),
    connectionTimeoutMs: numberFromEnv(env, 'KAFKA_CONNECTION_TIMEOUT_MS', 3_000, { min: 1 }),
    requestTimeoutMs: numberFromEnv(env, 'KAFKA_REQUEST_TIMEOUT_MS', 30_000, { min: 1 }),
    reconnect: { baseDelayMs, maxDelayMs, retries: numberFromEnv(env, 'KAFKA_RECONNECT_RETRIES', 10, { min: 0 }) },
    retry: retryPolicyFromEnv(env),
  };
}
