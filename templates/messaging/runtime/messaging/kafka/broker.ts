import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Consumer, ISocketFactory } from 'kafkajs';
import { readDeadLetter } from '../shared/delivery.js';
import { BrokerUnavailableError, GroupNotFoundError } from '../shared/errors.js';
import { BrokerBase, type BrokerOptions } from '../shared/broker-base.js';
import type { ConsumerOptions, DeadLetter, MessageConsumer, MessagePublisher } from '../shared/ports.js';
import type { KafkaConfig } from './config.js';
import { KafkaConnection } from './connection.js';
import { KafkaConsumer } from './consumer.js';
import { fromKafkaHeaders } from './kafka-message.js';
import { KafkaPublisher } from './publisher.js';
import { deadLetterTopic } from './topology.js';

export interface KafkaBrokerOptions<E extends object> extends BrokerOptions<E, KafkaConfig> {
  /** Creates the sockets to the brokers (kafkajs `socketFactory`): for proxies, and for tests that cut connections. */
  socketFactory?: ISocketFactory;
}

interface StoredLetter {
  letter: DeadLetter;
  timestamp: number;
  partition: number;
  offset: bigint;
}

/** Follows one dead-letter topic from its start, in a consumer group of its own that commits nothing. */
class DeadLetterReader {
  private readonly letters: StoredLetter[] = [];
  /** The next offset to read, per partition. */
  private readonly positions = new Map<number, bigint>();
  readonly topic: string;
  readonly groupId: string;
  private readonly consumer: Consumer;

  private constructor(connection: KafkaConnection, topic: string) {
    this.topic = topic;
    this.groupId = `${topic}.reader.${randomUUID()}`;
    this.consumer = connection.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: connection.config.fetchMaxWaitMs });
  }

  static async start(connection: KafkaConnection, topic: string): Promise<DeadLetterReader> {
    const reader = new DeadLetterReader(connection, topic);
    await reader.consumer.connect();
    await reader.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await reader.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        reader.letters.push({
          letter: readDeadLetter({ body: message.value ?? new Uint8Array(0), headers: fromKafkaHeaders(message.headers) }),
          timestamp: Number(message.timestamp),
          partition,
          offset: BigInt(message.offset),
        });
        reader.positions.set(partition, BigInt(message.offset) + 1n);
      },
    });
    return reader;
  }

  /** Every letter up to the topic's current end, oldest first; waits up to `timeoutMs` to have read that far. */
  async read(admin: Admin, timeoutMs: number): Promise<DeadLetter[]> {
    const deadline = Date.now() + timeoutMs;
    const ends = await this.topicEnds(admin, deadline);
    while (!ends.every(({ partition, low, high }) => (this.positions.get(partition) ?? BigInt(low)) >= BigInt(high))) {
      if (Date.now() > deadline) throw new BrokerUnavailableError(`Reading the dead letters of "${this.topic}" took more than ${timeoutMs} ms`);
      await sleep(20);
    }
    return [...this.letters]
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || (a.offset < b.offset ? -1 : 1))
      .map(({ letter }) => letter);
  }

  /** The end offsets of the topic; a new topic's leader may not be known yet (a retriable error) for a moment. */
  private async topicEnds(admin: Admin, deadline: number): Promise<Awaited<ReturnType<Admin['fetchTopicOffsets']>>> {
    for (;;) {
      try {
        return await admin.fetchTopicOffsets(this.topic);
      } catch (error) {
        if ((error as { retriable?: unknown }).retriable !== true || Date.now() > deadline) throw error;
        await admin.fetchTopicMetadata({ topics: [this.topic] }).catch(() => undefined);
        await sleep(100);
      }
    }
  }

  async close(admin: Admin | undefined): Promise<void> {
    await this.consumer.disconnect();
    await admin?.deleteGroups([this.groupId]).catch(() => undefined);
  }
}

/** Publishers and consumers on Kafka, sharing one kafkajs client, one idempotent producer and one admin client. */
export class KafkaBroker<E extends object> extends BrokerBase<E> {
  readonly connection: KafkaConnection;
  private readonly readers = new Map<string, Promise<DeadLetterReader>>();
  private readonly options: KafkaBrokerOptions<E>;

  constructor(options: KafkaBrokerOptions<E>) {
    super(options.logger);
    this.options = options;
    this.connection = new KafkaConnection(options.config, this.logger, options.socketFactory);
  }

  get config(): KafkaConfig {
    return this.options.config;
  }

  protected createPublisher(): MessagePublisher<E> {
    return new KafkaPublisher(this.connection, this.options.catalog, this.options.config);
  }

  protected createConsumer(options: ConsumerOptions<E>): MessageConsumer {
    return new KafkaConsumer(this.connection, this.options.config, options, this.logger);
  }

  /**
   * A group's dead letters, oldest first, without removing them. The first call starts a reader of the
   * group's dead-letter topic (joining a consumer group takes a few seconds); later calls are quick.
   */
  async deadLetters(group: string): Promise<DeadLetter[]> {
    const topic = deadLetterTopic(this.options.config, group);
    const admin = await this.connection.admin();
    // The dead-letter topic is created when the group's first consumer starts.
    if (!(await admin.listTopics()).includes(topic)) throw new GroupNotFoundError(group, `Kafka (no topic "${topic}")`);
    let reader = this.readers.get(topic);
    if (reader === undefined) {
      reader = DeadLetterReader.start(this.connection, topic);
      this.readers.set(topic, reader);
      reader.catch(() => this.readers.delete(topic));
    }
    return (await reader).read(admin, this.options.config.requestTimeoutMs);
  }

  protected async release(): Promise<void> {
    const readers = await Promise.all([...this.readers.values()].map((reader) => reader.catch(() => undefined)));
    this.readers.clear();
    if (readers.some((reader) => reader !== undefined)) {
      const admin = await this.connection.admin().catch(() => undefined);
      await Promise.all(readers.map((reader) => reader?.close(admin)));
    }
    await this.connection.close();
  }
}
