import { MessagingClosedError } from './errors.js';
import { encodeEvent, type OutgoingMessage } from './event-codec.js';
import type { EventCatalog } from './event-definition.js';
import { consoleLogger, type MessagingLogger } from './logger.js';
import type { ConsumerOptions, MessageBroker, MessageConsumer, MessagePublisher, PublishOptions } from './ports.js';
import { bestEffort, remainingMs, settledBy, shutdownDeadline, type ShutdownOptions } from './shutdown.js';

/** What every broker adapter is built from. */
export interface BrokerOptions<E extends object, C> {
  catalog: EventCatalog<E>;
  config: C;
  logger?: MessagingLogger;
}

/**
 * A broker adapter's open publishers and consumers, kept so that `close()` stops them all before releasing
 * the connection. Those closed or stopped by their owner are forgotten, so a long-lived broker holds only
 * what is open.
 */
export abstract class BrokerBase<E extends object> implements MessageBroker<E> {
  protected readonly publishers = new Set<MessagePublisher<E>>();
  protected readonly consumers = new Set<MessageConsumer>();
  protected readonly logger: MessagingLogger;
  private closing: Promise<void> | undefined;

  constructor(logger: MessagingLogger = consoleLogger) {
    this.logger = logger;
  }

  protected abstract createPublisher(): MessagePublisher<E>;
  protected abstract createConsumer(options: ConsumerOptions<E>): MessageConsumer;
  /** Releases what the publishers and consumers shared (the connection), once they are all stopped. */
  protected abstract release(): Promise<void>;

  publisher(): MessagePublisher<E> {
    if (this.closing !== undefined) throw new MessagingClosedError('The broker is closed');
    const inner = this.createPublisher();
    let closing: Promise<void> | undefined;
    const publisher: MessagePublisher<E> = {
      publish: (event, options) => inner.publish(event, options),
      close: (options) => (closing ??= inner.close(options).finally(() => this.publishers.delete(publisher))),
    };
    this.publishers.add(publisher);
    return publisher;
  }

  consumer(options: ConsumerOptions<E>): MessageConsumer {
    if (this.closing !== undefined) throw new MessagingClosedError('The broker is closed');
    const inner = this.createConsumer(options);
    let stopping: Promise<void> | undefined;
    const consumer: MessageConsumer = {
      start: () => inner.start(),
      stop: (stopOptions) => (stopping ??= inner.stop(stopOptions).finally(() => this.consumers.delete(consumer))),
    };
    this.consumers.add(consumer);
    return consumer;
  }

  /**
   * Stops every consumer (letting their handlers finish), then every publisher, then releases the
   * connection, all within one deadline. Every call returns the same promise.
   */
  close(options?: ShutdownOptions): Promise<void> {
    this.closing ??= this.closeBy(shutdownDeadline(options));
    return this.closing;
  }

  private async closeBy(deadline: number): Promise<void> {
    await settledBy(Promise.all([...this.consumers].map((consumer) => consumer.stop(remainingMs(deadline)))), deadline);
    await settledBy(Promise.all([...this.publishers].map((publisher) => publisher.close(remainingMs(deadline)))), deadline);
    await bestEffort('Closing the connection', () => this.release(), deadline, this.logger);
  }
}

/**
 * A publisher whose every publish is bounded by `publishTimeoutMs`: `send` gets the deadline. `close()`
 * refuses new publishes and waits for those under way to be acknowledged or to fail.
 */
export abstract class DeadlinePublisher<E extends object> implements MessagePublisher<E> {
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();
  protected readonly catalog: EventCatalog<E>;
  private readonly publishTimeoutMs: number;

  protected constructor(
    catalog: EventCatalog<E>,
    publishTimeoutMs: number,
  ) {
    this.catalog = catalog;
    this.publishTimeoutMs = publishTimeoutMs;
  }

  /** Sends one encoded event; rejects once `deadline` (a `Date.now()` value) has passed without an acknowledgement. */
  protected abstract send(outgoing: OutgoingMessage, deadline: number): Promise<void>;

  async publish(event: E, options?: PublishOptions): Promise<void> {
    if (this.closed) throw new MessagingClosedError('The publisher is closed');
    const sending = this.send(encodeEvent(this.catalog, event, options), Date.now() + this.publishTimeoutMs);
    this.pending.add(sending);
    try {
      await sending;
    } finally {
      this.pending.delete(sending);
    }
  }

  async close(options?: ShutdownOptions): Promise<void> {
    this.closed = true;
    await settledBy(Promise.allSettled([...this.pending]), shutdownDeadline(options));
  }
}
