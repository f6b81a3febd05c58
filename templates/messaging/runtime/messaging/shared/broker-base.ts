import type { ConsumerOptions, MessageBroker, MessageConsumer, MessagePublisher } from './ports.js';

/** A broker adapter's publishers and consumers, kept so that `close()` stops them all before releasing the connection. */
export abstract class BrokerBase<E extends object> implements MessageBroker<E> {
  private readonly publishers = new Set<MessagePublisher<E>>();
  private readonly consumers = new Set<MessageConsumer>();

  protected abstract createPublisher(): MessagePublisher<E>;
  protected abstract createConsumer(options: ConsumerOptions<E>): MessageConsumer;
  /** Releases what the publishers and consumers shared (the connection), once they are all stopped. */
  protected abstract release(): Promise<void>;

  publisher(): MessagePublisher<E> {
    const publisher = this.createPublisher();
    this.publishers.add(publisher);
    return publisher;
  }

  consumer(options: ConsumerOptions<E>): MessageConsumer {
    const consumer = this.createConsumer(options);
    this.consumers.add(consumer);
    return consumer;
  }

  /** Stops every consumer (letting their handlers finish), then every publisher, then releases the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await Promise.all([...this.publishers].map((publisher) => publisher.close()));
    await this.release();
  }
}
