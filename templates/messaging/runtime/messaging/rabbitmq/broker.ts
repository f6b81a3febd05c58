import { deadLetterHeaders, readDeadLetter } from '../shared/delivery.js';
import { BrokerBase, type BrokerOptions } from '../shared/broker-base.js';
import type { ConsumerOptions, DeadLetter, MessageConsumer, MessagePublisher } from '../shared/ports.js';
import { toTransportMessage } from './amqp-message.js';
import type { RabbitMqConfig } from './config.js';
import { RabbitConnection } from './connection.js';
import { browseQueue } from './dead-letter-browser.js';
import { RabbitMqConsumer } from './consumer.js';
import { RabbitMqPublisher } from './publisher.js';
import { groupTopology, type GroupTopology } from './topology.js';

export interface RabbitMqBrokerOptions<E extends object> extends BrokerOptions<E, RabbitMqConfig> {
  /** Shown in the RabbitMQ management UI and `rabbitmqctl list_connections`. */
  connectionName?: string;
}

function deadLetteredAt(letter: DeadLetter): number {
  return Date.parse(letter.headers[deadLetterHeaders.at] ?? '') || 0;
}

/** Publishers and consumers sharing one self-healing connection. */
export class RabbitMqBroker<E extends object> extends BrokerBase<E> {
  readonly connection: RabbitConnection;
  private readonly options: RabbitMqBrokerOptions<E>;

  constructor(options: RabbitMqBrokerOptions<E>) {
    super(options.logger);
    this.options = options;
    this.connection = new RabbitConnection(options.config, this.logger, options.connectionName);
  }

  protected createPublisher(): MessagePublisher<E> {
    return new RabbitMqPublisher(this.connection, this.options.catalog, this.options.config, this.logger);
  }

  protected createConsumer(options: ConsumerOptions<E>): MessageConsumer {
    return new RabbitMqConsumer(this.connection, this.options.config, options, this.logger);
  }

  topology(group: string): GroupTopology {
    return groupTopology(this.options.config.exchange, group, this.options.config.retry);
  }

  /**
   * Reads up to `limit` of a group's dead letters, oldest first, without removing them or marking them
   * redelivered (see `browseQueue`: one pass over the queue, `limit` letters in memory).
   */
  async deadLetters(group: string, { limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
    const messages = await browseQueue(await this.connection.get(), this.topology(group).deadLetterQueue, group, limit);
    // Letters dead-lettered during the pass land between the copies: their time puts them back in order.
    return messages.map((message) => readDeadLetter(toTransportMessage(message))).sort((a, b) => deadLetteredAt(a) - deadLetteredAt(b));
  }

  protected async release(): Promise<void> {
    await this.connection.close();
  }
}
