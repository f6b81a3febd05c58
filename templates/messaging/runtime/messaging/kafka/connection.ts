import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs, { type Admin, type ISocketFactory, type Kafka, type LogEntry, type Producer, type RetryOptions, type SASLOptions } from 'kafkajs';
import { backoffDelayMs, withinDeadline } from '../shared/backoff.js';
import { BrokerUnavailableError, describeError, MessagingClosedError } from '../shared/errors.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { KafkaConfig } from './config.js';

// kafkajs is CommonJS whose errors are spread into its exports: Node's ESM loader only sees its default export.
const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

/** kafkajs' retry settings: exponential backoff (×2, ±20 % jitter) from `baseDelayMs`, capped at `maxDelayMs`. */
export function kafkaRetry(reconnect: KafkaConfig['reconnect'], retries = reconnect.retries): RetryOptions {
  return { initialRetryTime: reconnect.baseDelayMs, maxRetryTime: reconnect.maxDelayMs, multiplier: 2, factor: 0.2, retries };
}

/** The broker list for messages; SASL credentials never appear in it. */
export function describeBrokers(brokers: readonly string[]): string {
  return brokers.join(', ');
}

/** kafkajs' log lines through the messaging logger: its errors are mostly ones it retries, so they are warnings here. */
function logCreator(logger: MessagingLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...details } = log;
      if (level <= logLevel.WARN) logger.warn(`kafkajs ${namespace}: ${message}`, details);
    };
}

function saslOptions({ mechanism, username, password }: NonNullable<KafkaConfig['sasl']>): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

export interface KafkaClientOptions {
  /** Creates the sockets to the brokers: lets tests (and proxies) own them. */
  socketFactory?: ISocketFactory | undefined;
  clientId?: string;
  /** Retries of connections and metadata requests; `config.reconnect.retries` by default. */
  retries?: number;
}

/**
 * A kafkajs client for `config`. Its `retry` governs connecting to the brokers and reading metadata for
 * every producer, consumer and admin client made from it; their own `retry` only covers their requests.
 */
export function createKafkaClient(config: KafkaConfig, logger: MessagingLogger, { socketFactory, clientId = config.clientId, retries }: KafkaClientOptions = {}): Kafka {
  return new KafkaClient({
    clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(config.sasl !== undefined && { sasl: saslOptions(config.sasl) }),
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // A request that gets no answer fails after `requestTimeout` rather than waiting for the socket to die.
    enforceRequestTimeout: true,
    retry: kafkaRetry(config.reconnect, retries),
    logLevel: logLevel.WARN,
    logCreator: logCreator(logger),
    ...(socketFactory !== undefined && { socketFactory }),
  });
}

/** Runs `use` with an admin client of its own, connected, then disconnects it: for one-off work beside a broker, such as deleting a test's topics. */
export async function withKafkaAdmin<T>(config: KafkaConfig, logger: MessagingLogger, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafkaClient(config, logger).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The adapter's kafkajs client, its shared producer and its admin client. kafkajs reconnects by itself
 * (each request is retried with capped exponential backoff); this class adds what it lacks: a bounded
 * wait for an unreachable cluster, and one idempotent producer connected once and shared.
 */
export class KafkaConnection {
  readonly kafka: Kafka;
  /** Tries each connection once: `reachable()` owns the retries, so none go on after its deadline. */
  private readonly probeClient: Kafka;
  private producerReady: Producer | undefined;
  /** Set as soon as the producer exists, connected or not, so that `close()` can reach it. */
  private producerClient: Producer | undefined;
  private producerConnecting: Promise<Producer> | undefined;
  private adminReady: Promise<Admin> | undefined;
  private closed = false;
  private lastError: unknown;
  readonly config: KafkaConfig;
  private readonly logger: MessagingLogger;
  private readonly socketFactory: ISocketFactory | undefined;

  constructor(
    config: KafkaConfig,
    logger: MessagingLogger,
    socketFactory?: ISocketFactory,
  ) {
    this.config = config;
    this.logger = logger;
    this.socketFactory = socketFactory;
    this.kafka = createKafkaClient(config, logger, { socketFactory });
    this.probeClient = createKafkaClient(config, logger, { socketFactory, retries: 0 });
  }

  /** A client of its own for one consumer group, so that its id names the group in the brokers' logs. */
  clientFor(group: string): Kafka {
    return createKafkaClient(this.config, this.logger, { socketFactory: this.socketFactory, clientId: `${this.config.clientId}-${group}` });
  }

  unavailable(waitedMs: number): BrokerUnavailableError {
    const cause = this.lastError === undefined ? 'no answer yet' : describeError(this.lastError);
    return new BrokerUnavailableError(`Kafka at ${describeBrokers(this.config.brokers)} is unreachable after ${waitedMs} ms (${cause})`, { cause: this.lastError });
  }

  /**
   * Resolves once a broker answers, trying again with capped backoff; a `BrokerUnavailableError` at
   * `deadline`. Each try is one connection attempt without kafkajs retries, so nothing keeps trying afterwards.
   */
  async reachable(deadline: number): Promise<void> {
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      this.assertOpen();
      const probe = this.probeClient.admin();
      try {
        await withinDeadline(probe.connect(), deadline, () => this.unavailable(Date.now() - startedAt));
        this.lastError = undefined;
        return;
      } catch (error) {
        if (error instanceof BrokerUnavailableError) throw error;
        this.lastError = error;
      } finally {
        void probe.disconnect().catch(() => undefined);
      }
      const delay = backoffDelayMs(attempt, this.config.reconnect);
      if (Date.now() + delay >= deadline) {
        await sleep(Math.max(0, deadline - Date.now()));
        throw this.unavailable(Date.now() - startedAt);
      }
      await sleep(delay);
    }
  }

  /**
   * The shared idempotent producer, connected. Idempotence (a producer id and per-partition sequence
   * numbers) lets kafkajs resend after a lost connection without duplicates; it requires acks=-1 and
   * unlimited retries, which kafkajs sets, so every `send` is bounded by the caller's deadline instead.
   */
  async producer(deadline: number): Promise<Producer> {
    this.assertOpen();
    if (this.producerReady !== undefined) return this.producerReady;
    this.producerConnecting ??= this.connectProducer(deadline).finally(() => {
      this.producerConnecting = undefined;
    });
    return withinDeadline(this.producerConnecting, deadline, () => this.unavailable(this.config.publishTimeoutMs));
  }

  /** The shared admin client, connected; its operations retry `reconnect.retries` times. */
  async admin(): Promise<Admin> {
    this.assertOpen();
    this.adminReady ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminReady = undefined;
      throw error;
    });
    return this.adminReady;
  }

  /** Waits for sends under way (kafkajs' disconnect lets in-flight requests finish), then closes the sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const admin = await this.adminReady?.catch(() => undefined);
    await Promise.all([this.producerClient?.disconnect(), admin?.disconnect()].map((closing) => closing?.catch((error: unknown) => this.logger.warn('Closing a Kafka client failed', { error: describeError(error) }))));
  }

  private async connectProducer(deadline: number): Promise<Producer> {
    await this.reachable(deadline);
    const producer = this.kafka.producer({
      idempotent: true,
      // Explicit, so kafkajs does not warn that its default changed in 2.0: murmur2 on the key, like the Java client.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    this.producerClient = producer;
    await producer.connect();
    if (this.closed) {
      await producer.disconnect();
      throw new MessagingClosedError('The Kafka connection is closed');
    }
    this.producerReady = producer;
    return producer;
  }

  private assertOpen(): void {
    if (this.closed) throw new MessagingClosedError('The Kafka connection is closed');
  }
}
