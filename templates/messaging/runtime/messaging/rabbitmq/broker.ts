import { readDeadLetter } from '../shared/delivery.js';
import { BrokerBase, type BrokerOptions } from '../shared/broker-base.js';
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

  /** Reads a group's dead letters without removing them: they return to the queue when the channel closes unacked. */
  async deadLetters(group: string): Promise<DeadLetter[]> {
    const channel = await (await this.connection.get()).createChannel();
    try {
      const letters: DeadLetter[] = [];
      for (;;) {
        const message = await channel.get(this.topology(group).deadLetterQueue, { noAck: false });
        if (message === false) return letters;
        letters.push(readDeadLetter(toTransportMessage(message)));
      }
    } finally {
      await channel.close();
    }
  }

  protected async release(): Promise<void> {
    await this.connection.close();
  }
}
