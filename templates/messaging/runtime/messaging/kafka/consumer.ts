import type { Consumer, ConsumerCrashEvent, Kafka } from 'kafkajs';
import { backoffDelayMs } from '../shared/backoff.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { BrokerUnavailableError, describeError } from '../shared/errors.js';
import { BrokerConsumer } from '../shared/broker-consumer.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { ConsumerOptions } from '../shared/ports.js';
import { settledBy } from '../shared/shutdown.js';
import type { KafkaConfig } from './config.js';
import { kafkaRetry, type KafkaConnection } from './connection.js';
import { toKafkaMessage } from './kafka-message.js';
import { deadLetterSourceHeader, PartitionBatchHandler } from './partition-retry.js';
import { produceAcked } from './publisher.js';
import { assertGroupName, deadLetterTopic, ensureTopics } from './topology.js';

/**
 * One member of a Kafka consumer group. kafkajs fetches, and hands over one partition's batch at a time
 * to `eachBatch`, up to `concurrency` partitions at once; the `PartitionBatchHandler` handles the records
 * in order and resolves an offset only once its record is handled or dead-lettered. Resolved offsets are
 * committed every `commitIntervalMs`, after each batch, before a rebalance, and on `stop()`.
 *
 * Reconnection: kafkajs retries failed requests (fetch, commit, join) with capped backoff and reconnects as
 * it does. When its retries run out the consumer crashes; every crash restarts the whole consumer here,
 * with capped exponential backoff, until `stop()`. The new member resumes from the committed offsets.
 */
export class KafkaConsumer<E extends object> extends BrokerConsumer<E, KafkaConnection, KafkaConfig> {
  private consumer: Consumer | undefined;
  private readonly client: Kafka;
  private readonly handler: PartitionBatchHandler<E>;
  private readonly deadLetters: string;
  private restartTimer: NodeJS.Timeout | undefined;
  private crashes = 0;

  constructor(connection: KafkaConnection, config: KafkaConfig, options: ConsumerOptions<E>, logger: MessagingLogger) {
    super(connection, config, options, logger);
    assertGroupName(options.group);
    this.deadLetters = deadLetterTopic(config, options.group);
    this.client = connection.clientFor(options.group);
    this.handler = new PartitionBatchHandler({
      group: options.group,
      handlers: options.handlers,
      retryPolicy: config.retry,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      control: {
        pause: (topic, partition) => this.consumer?.pause([{ topic, partitions: [partition] }]),
        resume: (topic, partition) => this.resume(topic, partition),
        seek: (topic, partition, offset) => this.consumer?.seek({ topic, partition, offset }),
        deadLetter: (letter) => this.deadLetter(letter),
      },
    });
  }

  /** Creates the topics when missing, joins the group and starts handling; resolves once the group is joined. */
  protected async startHandling(): Promise<void> {
    try {
      const admin = await this.connection.admin();
      await ensureTopics(admin, this.config, [this.config.topic, this.deadLetters]);
      await this.run();
    } catch (error) {
      await this.consumer?.disconnect().catch(() => undefined);
      this.consumer = undefined;
      throw error;
    }
  }

  /**
   * Stops fetching, lets the handlers in flight finish, commits their offsets and leaves the group, so its
   * partitions move to the other members at once. Records waiting for a retry stay uncommitted.
   */
  protected async stopHandling(deadline: number): Promise<void> {
    clearTimeout(this.restartTimer);
    this.handler.stop();
    // kafkajs' disconnect stops the runner (waiting for the batches in progress, which stop before their next
    // record), commits, leaves the group, closes. A handler still running at the deadline keeps its record uncommitted.
    const consumer = this.consumer;
    const disconnecting = consumer
      ?.disconnect()
      .catch((error: unknown) => this.logger.warn('Stopping the Kafka consumer failed', { group: this.options.group, error: describeError(error) }));
    if (!(await settledBy(disconnecting, deadline))) {
      // No more heartbeats from the hung handlers: the group gives their partitions to other members once the session times out.
      this.handler.abandon();
      this.logger.warn('Handlers still running at the shutdown deadline; their partitions move on after the session timeout', { group: this.options.group });
    }
    this.consumer = undefined;
  }

  private async run(): Promise<void> {
    const consumer = this.client.consumer({
      groupId: this.options.group,
      sessionTimeout: this.config.sessionTimeoutMs,
      heartbeatInterval: this.config.heartbeatIntervalMs,
      maxWaitTimeInMs: this.config.fetchMaxWaitMs,
      allowAutoTopicCreation: false,
      // Every crash comes to onCrash, which restarts with growing delays (kafkajs alone would wait the same short time each time).
      retry: { ...kafkaRetry(this.config.reconnect), restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => this.onCrash(consumer, event));
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.crashes = 0;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.config.topic], fromBeginning: this.config.newGroupStart === 'earliest' });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: this.config.commitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.concurrency,
      eachBatch: (payload) => this.handler.handleBatch(payload),
    });
  }

  private onCrash(consumer: Consumer, { payload }: ConsumerCrashEvent): void {
    if (this.consumer !== consumer || !this.running) return;
    this.scheduleRestart(consumer, payload.error);
  }

  private scheduleRestart(crashed: Consumer, error: unknown): void {
    this.crashes++;
    const delay = backoffDelayMs(this.crashes, this.config.reconnect);
    this.logger.warn(`Kafka consumer crashed; restarting it in ${delay} ms`, { group: this.options.group, error: describeError(error) });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.restart(crashed), delay);
  }

  private async restart(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    if (!this.running) return;
    try {
      await this.run();
    } catch (error) {
      // Connecting or subscribing failed (a failure to join the group arrives as a CRASH event instead).
      if (this.running && this.consumer !== undefined) this.scheduleRestart(this.consumer, error);
    }
  }

  private resume(topic: string, partition: number): void {
    try {
      this.consumer?.resume([{ topic, partitions: [partition] }]);
    } catch (error) {
      // The consumer is restarting: its new group member starts unpaused anyway.
      this.logger.warn('Could not resume a partition after a retry delay', { group: this.options.group, topic, partition, error: describeError(error) });
    }
  }

  private async deadLetter(letter: TransportMessage): Promise<void> {
    const deadline = Date.now() + this.config.publishTimeoutMs;
    const producer = await this.connection.producer(deadline);
    // Keyed like the original, or by its source partition: the letters of one partition stay in order.
    const source = letter.headers[deadLetterSourceHeader] ?? '';
    const key = letter.headers[envelopeHeaders.orderingKey] ?? source.slice(0, source.lastIndexOf('@'));
    await produceAcked(
      producer,
      this.deadLetters,
      toKafkaMessage(letter, key),
      deadline,
      () => new BrokerUnavailableError(`The dead letter for group "${this.options.group}" was not confirmed within ${this.config.publishTimeoutMs} ms`),
    );
  }
}
