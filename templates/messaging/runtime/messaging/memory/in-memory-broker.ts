import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { MessagingClosedError } from '../shared/errors.js';
import { encodeEvent } from '../shared/event-codec.js';
import type { EventCatalog } from '../shared/event-definition.js';
import { deadLetterMessage, deliver, readDeadLetter, retryMessage } from '../shared/delivery.js';
import { OrderedExecutor } from '../shared/ordered-executor.js';
import type { ConsumerOptions, DeadLetter, MessageBroker, MessageConsumer, MessagePublisher, PublishOptions } from '../shared/ports.js';
import { defaultRetryPolicy, type RetryPolicy } from '../shared/retry-policy.js';

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
  private closed = false;

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
    return (this.queues.get(group)?.deadLetters ?? []).map(readDeadLetter);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
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
    if (this.closed) return;
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
    if (this.closed) throw new MessagingClosedError('The in-memory broker is closed');
  }
}

class InMemoryConsumer<E extends object> implements MessageConsumer, QueueConsumer {
  inFlight = 0;
  private queue: GroupQueue | undefined;
  private readonly executor = new OrderedExecutor();

  constructor(
    private readonly broker: InMemoryBroker<E>,
    private readonly options: ConsumerOptions<E>,
  ) {}

  async start(): Promise<void> {
    if (this.queue !== undefined) return;
    this.queue = this.broker.declare(this.options.group, this.options.handlers.routingKeys);
    this.queue.consumers.push(this);
    this.broker.schedulePump(this.queue);
  }

  async stop(): Promise<void> {
    const queue = this.queue;
    if (queue === undefined) return;
    this.queue = undefined;
    queue.consumers = queue.consumers.filter((consumer) => consumer !== this);
    await this.executor.idle();
  }

  accept(queue: GroupQueue, message: TransportMessage): void {
    this.inFlight += 1;
    this.executor.submit(message.headers[envelopeHeaders.orderingKey], async () => {
      const outcome = await deliver(message, this.options.handlers, this.broker.retryPolicy);
      if (outcome.kind === 'retry') this.broker.requeueLater(queue, retryMessage(message, outcome.nextAttempt), outcome.delayMs);
      if (outcome.kind === 'dead-letter') queue.deadLetters.push(deadLetterMessage(message, this.options.group, outcome));
      this.inFlight -= 1;
      this.broker.schedulePump(queue);
    });
  }
}
