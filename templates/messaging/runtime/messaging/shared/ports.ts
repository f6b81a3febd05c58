import type { Envelope } from './envelope.js';
import type { EventHandlers } from './event-handlers.js';
import type { ShutdownOptions } from './shutdown.js';

export interface PublishOptions {
  /** Carried over from the message being handled; a new one is created when absent. */
  correlationId?: string;
  /** The id of the message that caused this event. */
  causationId?: string;
  /** Defaults to a new UUID. Reusing one lets idempotent consumers drop duplicates. */
  messageId?: string;
}

/** Publishes domain events. `publish` resolves only once the broker has taken responsibility for the message. */
export interface MessagePublisher<E extends object> {
  publish(event: E, options?: PublishOptions): Promise<void>;
  /** Refuses new publishes and waits, up to the deadline, for those under way to be confirmed or to fail. */
  close(options?: ShutdownOptions): Promise<void>;
}

/** What a handler knows about the message it handles: its envelope's metadata, and which attempt this is. */
export interface MessageContext extends Pick<Envelope, 'messageId' | 'eventType' | 'schemaVersion' | 'occurredAt' | 'correlationId' | 'causationId'> {
  /** 1 on first delivery, then 2, 3… on retries. */
  attempt: number;
}

export interface ConsumerOptions<E extends object> {
  /**
   * Consumers with the same group share one queue and split the work (competing consumers);
   * each group receives every event it subscribes to.
   */
  group: string;
  handlers: EventHandlers<E>;
}

export interface MessageConsumer {
  /** Declares what the consumer needs on the broker and starts handling messages. */
  start(): Promise<void>;
  /**
   * Stops taking messages, hands back those received but not started, lets handlers in flight finish and
   * settle their messages (up to the deadline: the messages of handlers still running are handed back
   * too), then releases the broker. Every call returns the same promise; it never rejects.
   */
  stop(options?: ShutdownOptions): Promise<void>;
}

export interface MessageBroker<E extends object> {
  publisher(): MessagePublisher<E>;
  consumer(options: ConsumerOptions<E>): MessageConsumer;
  /** Stops every consumer and publisher created by this broker, then closes its connection; bounded like `stop()`. */
  close(options?: ShutdownOptions): Promise<void>;
}

/** A message that a group gave up on, with why. */
export interface DeadLetter {
  group: string;
  messageId: string | undefined;
  eventType: string | undefined;
  reason: 'malformed' | 'exhausted';
  error: string;
  /** Handler runs made before giving up (0 for malformed messages). */
  attempts: number;
  headers: Record<string, string>;
  body: Uint8Array;
}
