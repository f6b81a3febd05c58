import type { Message, Producer } from 'kafkajs';
import { withinDeadline } from '../shared/backoff.js';
import { DeadlinePublisher } from '../shared/broker-base.js';
import { BrokerUnavailableError, PublishRejectedError, describeError } from '../shared/errors.js';
import type { OutgoingMessage } from '../shared/event-codec.js';
import type { EventCatalog } from '../shared/event-definition.js';
import type { KafkaConfig } from './config.js';
import { describeBrokers, type KafkaConnection } from './connection.js';
import { toKafkaMessage } from './kafka-message.js';
import { ensureTopics } from './topology.js';

/** acks=-1 ("all"): the partition leader answers once every in-sync replica has the record. */
export const allReplicas = -1;

const connectivityErrors = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);

/**
 * Whether kafkajs gave up for want of a broker rather than because one refused the record: somewhere in the
 * cause chain a connection or timeout error, or an error kafkajs marks retriable (kafkajs wraps a connection
 * error in a non-retriable one once its own retries are spent). Such a record may or may not have been stored.
 */
export function isConnectivityFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    if (connectivityErrors.has(current.name) || (current as { retriable?: unknown }).retriable === true) return true;
  }
  return false;
}

/**
 * Sends one record and resolves once every in-sync replica has it. Connection failures are retried by
 * the idempotent producer until `deadline`, then become `BrokerUnavailableError` (the record may have been
 * stored: a caller that retries may publish it twice); a broker refusing the record (too large, not
 * authorized…) becomes `PublishRejectedError`.
 */
export async function produceAcked(producer: Producer, topic: string, message: Message, deadline: number, timeout: () => Error): Promise<void> {
  const sending = producer.send({ topic, acks: allReplicas, timeout: Math.max(1, deadline - Date.now()), messages: [message] });
  try {
    await withinDeadline(sending, deadline, timeout);
  } catch (error) {
    // A late rejection of the abandoned send must not become an unhandled one.
    sending.catch(() => undefined);
    if (error instanceof BrokerUnavailableError) throw error;
    if (isConnectivityFailure(error))
      throw new BrokerUnavailableError(`Kafka lost the connection before confirming the record for "${topic}" (${describeError(error)})`, { cause: error });
    throw new PublishRejectedError(`Kafka did not accept the record for "${topic}" (${describeError(error)})`, { cause: error });
  }
}

/**
 * Publishes every event of the catalog to the events topic, keyed by its ordering key, with the envelope's
 * metadata in Kafka headers. `publish` resolves once the record is replicated (acks=-1) and rejects with
 * `BrokerUnavailableError` within `publishTimeoutMs` otherwise. The producer is idempotent: a send kafkajs
 * repeats after a lost connection is stored once.
 */
export class KafkaPublisher<E extends object> extends DeadlinePublisher<E> {
  private topicReady: Promise<void> | undefined;
  private readonly connection: KafkaConnection;
  private readonly config: KafkaConfig;

  constructor(
    connection: KafkaConnection,
    catalog: EventCatalog<E>,
    config: KafkaConfig,
  ) {
    super(catalog, config.publishTimeoutMs);
    this.connection = connection;
    this.config = config;
  }

  protected async send({ message, envelope }: OutgoingMessage, deadline: number): Promise<void> {
    const detail = `${envelope.eventType} ${envelope.messageId} was not confirmed within ${this.config.publishTimeoutMs} ms`;
    let producer: Producer;
    try {
      producer = await this.connection.producer(deadline);
    } catch (error) {
      if (!(error instanceof BrokerUnavailableError)) throw error;
      throw new BrokerUnavailableError(`${detail}: ${error.message}`, { cause: error.cause ?? error });
    }
    const timeout = () => new BrokerUnavailableError(`${detail}: no acknowledgement from Kafka at ${describeBrokers(this.config.brokers)}`);
    await withinDeadline(this.ensureTopic(), deadline, timeout);
    await produceAcked(producer, this.config.topic, toKafkaMessage(message), deadline, timeout);
  }

  /** The events topic, created once with the configured partitions when it does not exist. */
  private ensureTopic(): Promise<void> {
    this.topicReady ??= this.connection
      .admin()
      .then((admin) => ensureTopics(admin, this.config, [this.config.topic]))
      .catch((error: unknown) => {
        this.topicReady = undefined;
        throw error;
      });
    return this.topicReady;
  }
}
