import { readDeadLetter } from '../shared/delivery.js';
import { BrokerBase, type BrokerOptions } from '../shared/broker-base.js';
import { GroupNotFoundError } from '../shared/errors.js';
import type { ConsumerOptions, DeadLetter, MessageConsumer, MessagePublisher } from '../shared/ports.js';
import { toTransportMessage } from './amqp-message.js';
import type { RabbitMqConfig } from './config.js';
import { RabbitConnection } from './connection.js';
import { RabbitMqConsumer } from './consumer.js';
import { RabbitMqPublisher } from './publisher.js';
import { groupTopology, type GroupTopology } from './topology.js';

export interface RabbitMqBrokerOptions<E extends object> extends BrokerOptions<E, RabbitMqConfig> {
  /** Shown in the RabbitMQ management UI and `rabbitmqctl list_connections`. */
  connectionName?: string;
}

/** Publishers and consumers sharing one self-healing connection. */
export class RabbitMqBroker<E extends object> extends BrokerBase<E> {
  readonly connection: RabbitConnection;

  constructor(private readonly options: RabbitMqBrokerOptions<E>) {
    super(options.logger);
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
   * Reads up to `limit` of a group's dead letters, oldest first, without removing them: they return to the
   * queue when the channel closes unacked (marked redelivered; AMQP 0-9-1 has no way to browse a queue).
   */
  async deadLetters(group: string, { limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
    const queue = this.topology(group).deadLetterQueue;
    const connection = await this.connection.get();
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      await channel.checkQueue(queue);
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) throw new GroupNotFoundError(group, `RabbitMQ (no queue "${queue}")`);
      throw error;
    }
    try {
      const letters: DeadLetter[] = [];
      while (letters.length < limit) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) break;
        letters.push(readDeadLetter(toTransportMessage(message)));
      }
      return letters;
    } finally {
      await channel.close();
    }
  }

  protected async release(): Promise<void> {
    await this.connection.close();
  }
}
