import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { GroupNotFoundError, MessagingClosedError } from '../shared/errors.js';
import { encodeEvent } from '../shared/event-codec.js';
import type { EventCatalog } from '../shared/event-definition.js';
import { deadLetterMessage, deliver, readDeadLetter, retryMessage } from '../shared/delivery.js';
import { OrderedExecutor } from '../shared/ordered-executor.js';
import type { ConsumerOptions, DeadLetter, MessageBroker, MessageConsumer, MessagePublisher, PublishOptions } from '../shared/ports.js';
import { defaultRetryPolicy, type RetryPolicy } from '../shared/retry-policy.js';
import { remainingMs, settledBy, shutdownDeadline, type ShutdownOptions } from '../shared/shutdown.js';

export interface InMemoryBrokerOptions<E extends object> {
  catalog: EventCatalog<E>;
  retryPolicy?: RetryPolicy;
  /** Messages a consumer handles at once, like a broker's prefetch. */
  prefetch?: number;
}

interface QueueConsumer {
  readonly inFlight: number;
  accept(queue: GroupQueue, message: TransportMessage): void;
}

/** One consumer group's queue: what it is bound to, what waits, who competes for it. */
interface GroupQueue {
  routingKeys: Set<string>;
  ready: TransportMessage[];
  consumers: QueueConsumer[];
  nextConsumer: number;
  deadLetters: TransportMessage[];
  pumpScheduled: boolean;
}

/**
 * A broker in the process, with the semantics of the real adapters: messages travel serialized, one queue
 * per group, competing consumers, ordering per key, retries with backoff, dead letters. Like an exchange
 * without bindings, it drops events for which no group has started a consumer yet.
 */
export class InMemoryBroker<E extends object> implements MessageBroker<E> {
  readonly catalog: EventCatalog<E>;
  readonly retryPolicy: RetryPolicy;
  readonly prefetch: number;
  private readonly queues = new Map<string, GroupQueue>();
  private readonly consumers = new Set<InMemoryConsumer<E>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;

  constructor(options: InMemoryBrokerOptions<E>) {
    this.catalog = options.catalog;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.prefetch = options.prefetch ?? 10;
  }

  publisher(): MessagePublisher<E> {
    return {
      publish: async (event: E, options?: PublishOptions) => {
        this.assertOpen();
        const { routingKey, message } = encodeEvent(this.catalog, event, options);
        this.route(routingKey, message);
      },
      close: async () => {},
    };
  }

  /** Routes a message as it would arrive from the wire, e.g. one another service wrote badly. */
  publishRaw(routingKey: string, message: TransportMessage): void {
    this.assertOpen();
    this.route(routingKey, message);
  }

  consumer(options: ConsumerOptions<E>): MessageConsumer {
    const consumer = new InMemoryConsumer(this, options);
    this.consumers.add(consumer);
    return consumer;
  }

  deadLetters(group: string): DeadLetter[] {
    const queue = this.queues.get(group);
    if (queue === undefined) throw new GroupNotFoundError(group, 'the in-memory broker');
    return queue.deadLetters.map(readDeadLetter);
  }

  close(options?: ShutdownOptions): Promise<void> {
    this.closing ??= this.closeBy(shutdownDeadline(options));
    return this.closing;
  }

  private async closeBy(deadline: number): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.consumers].map((consumer) => consumer.stop(remainingMs(deadline))));
  }

  forget(consumer: InMemoryConsumer<E>): void {
    this.consumers.delete(consumer);
  }

  /** Creates the group's queue on first use and binds it to the given routing keys. */
  declare(group: string, routingKeys: readonly string[]): GroupQueue {
    let queue = this.queues.get(group);
    if (queue === undefined) {
      queue = { routingKeys: new Set(), ready: [], consumers: [], nextConsumer: 0, deadLetters: [], pumpScheduled: false };
      this.queues.set(group, queue);
    }
    for (const key of routingKeys) queue.routingKeys.add(key);
    return queue;
  }

  requeueLater(queue: GroupQueue, message: TransportMessage, delayMs: number): void {
    if (this.closing !== undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      queue.ready.push(message);
      this.schedulePump(queue);
    }, delayMs);
    this.timers.add(timer);
  }

  /** Delivery happens on a later turn of the event loop, as with a real broker: never inside `publish`. */
  schedulePump(queue: GroupQueue): void {
    if (queue.pumpScheduled) return;
    queue.pumpScheduled = true;
    setImmediate(() => {
      queue.pumpScheduled = false;
      this.pump(queue);
    });
  }

  private route(routingKey: string, message: TransportMessage): void {
    for (const queue of this.queues.values()) {
      if (!queue.routingKeys.has(routingKey)) continue;
      queue.ready.push(message);
      this.schedulePump(queue);
    }
  }

  /** Hands ready messages round-robin to consumers with room in their window. */
  private pump(queue: GroupQueue): void {
    while (queue.ready.length > 0) {
      const consumer = this.nextWithCapacity(queue);
      const message = consumer === undefined ? undefined : queue.ready.shift();
      if (consumer === undefined || message === undefined) return;
      consumer.accept(queue, message);
    }
  }

  private nextWithCapacity(queue: GroupQueue): QueueConsumer | undefined {
    for (let tried = 0; tried < queue.consumers.length; tried++) {
      const index = (queue.nextConsumer + tried) % queue.consumers.length;
      const consumer = queue.consumers[index];
      if (consumer !== undefined && consumer.inFlight < this.prefetch) {
        queue.nextConsumer = index + 1;
        return consumer;
      }
    }
    return undefined;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new MessagingClosedError('The in-memory broker is closed');
  }
}

class InMemoryConsumer<E extends object> implements MessageConsumer, QueueConsumer {
  private queue: GroupQueue | undefined;
  private readonly executor = new OrderedExecutor();
  /** Messages accepted and not settled; those still here at the shutdown deadline go back to the queue. */
  private readonly unsettled = new Set<TransportMessage>();
  private stopping: Promise<void> | undefined;
  private handedBack = 0;
  private readonly broker: InMemoryBroker<E>;
  private readonly options: ConsumerOptions<E>;

  constructor(
    broker: InMemoryBroker<E>,
    options: ConsumerOptions<E>,
  ) {
    this.broker = broker;
    this.options = options;
  }

  get inFlight(): number {
    return this.unsettled.size;
  }

  async start(): Promise<void> {
    if (this.queue !== undefined || this.stopping !== undefined) return;
    this.queue = this.broker.declare(this.options.group, this.options.handlers.routingKeys);
    this.queue.consumers.push(this);
    this.broker.schedulePump(this.queue);
  }

  stop(options?: ShutdownOptions): Promise<void> {
    this.stopping ??= this.stopBy(shutdownDeadline(options));
    return this.stopping;
  }

  private async stopBy(deadline: number): Promise<void> {
    const queue = this.queue;
    if (queue !== undefined) {
      queue.consumers = queue.consumers.filter((consumer) => consumer !== this);
      this.executor.handBackWaiting();
      // Handlers still running at the deadline lose their messages to the group's other consumers, as on a broker.
      if (!(await settledBy(this.executor.idle(), deadline))) for (const message of this.unsettled) this.handBack(queue, message);
    }
    this.broker.forget(this);
  }

  accept(queue: GroupQueue, message: TransportMessage): void {
    this.unsettled.add(message);
    this.executor.submit(
      message.headers[envelopeHeaders.orderingKey],
      async () => {
        const outcome = await deliver(message, this.options.handlers, this.broker.retryPolicy);
        if (!this.unsettled.delete(message)) return;
        if (outcome.kind === 'retry') this.broker.requeueLater(queue, retryMessage(message, outcome.nextAttempt), outcome.delayMs);
        if (outcome.kind === 'dead-letter') queue.deadLetters.push(deadLetterMessage(message, this.options.group, outcome));
        this.broker.schedulePump(queue);
      },
      () => this.handBack(queue, message),
    );
  }

  /** Puts a message back at the head of the queue, after those handed back before it, so their order stays. */
  private handBack(queue: GroupQueue, message: TransportMessage): void {
    if (!this.unsettled.delete(message)) return;
    queue.ready.splice(this.handedBack++, 0, message);
    this.broker.schedulePump(queue);
  }
}
