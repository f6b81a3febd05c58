import { NatsError, type SeqMsgRequest, type StoredMsg } from 'nats';
import { readDeadLetter } from '../shared/delivery.js';
import { BrokerBase, type BrokerOptions } from '../shared/broker-base.js';
import { GroupNotFoundError } from '../shared/errors.js';
import type { ConsumerOptions, DeadLetter, MessageConsumer, MessagePublisher } from '../shared/ports.js';
import type { NatsConfig } from './config.js';
import { NatsConnection } from './connection.js';
import { NatsConsumer } from './consumer.js';
import { fromNatsHeaders } from './nats-message.js';
import { NatsPublisher } from './publisher.js';
import { deadLetterSubject } from './topology.js';

export interface NatsBrokerOptions<E extends object> extends BrokerOptions<E, NatsConfig> {
  /** Shown in the server's monitoring (`/connz`) and `nats server report connections`. */
  connectionName?: string;
}

/** Publishers and consumers on NATS JetStream, sharing one self-healing connection. */
export class NatsBroker<E extends object> extends BrokerBase<E> {
  readonly connection: NatsConnection;
  private readonly options: NatsBrokerOptions<E>;

  constructor(options: NatsBrokerOptions<E>) {
    super(options.logger);
    this.options = options;
    this.connection = new NatsConnection(options.config, this.logger, options.connectionName);
  }

  get config(): NatsConfig {
    return this.options.config;
  }

  protected createPublisher(): MessagePublisher<E> {
    return new NatsPublisher(this.connection, this.options.catalog, this.options.config, this.logger);
  }

  protected createConsumer(options: ConsumerOptions<E>): MessageConsumer {
    return new NatsConsumer(this.connection, this.options.config, options, this.logger);
  }

  /** Reads up to `limit` of a group's dead letters, oldest first, one at a time from the stream, without removing them. */
  async deadLetters(group: string, { limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
    const { jsm } = await this.connection.get();
    try {
      await jsm.consumers.info(this.options.config.stream, group);
    } catch (error) {
      if (error instanceof NatsError && (error.api_error?.code === 404 || error.code === '404')) throw new GroupNotFoundError(group, `NATS (no durable consumer "${group}" on ${this.options.config.stream})`);
      throw error;
    }
    const subject = deadLetterSubject(this.options.config, group);
    const letters: DeadLetter[] = [];
    for (let seq = 1; letters.length < limit; ) {
      // The next message on the group's subject at or after `seq`.
      const query: SeqMsgRequest & { next_by_subj: string } = { seq, next_by_subj: subject };
      let stored: StoredMsg;
      try {
        stored = await jsm.streams.getMessage(this.options.config.deadLetterStream, query);
      } catch (error) {
        // No message left, or no dead-letter stream at all (nothing was ever dead-lettered).
        if (error instanceof NatsError && error.code === '404') return letters;
        throw error;
      }
      letters.push(readDeadLetter({ body: stored.data, headers: fromNatsHeaders(stored.header) }));
      seq = stored.seq + 1;
    }
    return letters;
  }

  protected async release(): Promise<void> {
    await this.connection.close();
  }
}
