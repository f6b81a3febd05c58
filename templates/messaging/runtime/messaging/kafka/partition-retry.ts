import type { KafkaMessage } from 'kafkajs';
import { deadLetterMessage, deliver, type DeliveryOutcome } from '../shared/delivery.js';
import type { TransportMessage } from '../shared/envelope.js';
import { describeError } from '../shared/errors.js';
import type { EventHandlers } from '../shared/event-handlers.js';
import type { RetryPolicy } from '../shared/retry-policy.js';
import { toTransportMessage } from './kafka-message.js';

/** Header of a Kafka dead letter naming the record it copies: `<topic>/<partition>@<offset>`. */
export const deadLetterSourceHeader = 'dead-letter-source';

/** What the consumer does with one record once its handler has run (or could not). */
export type RecordAction =
  /** Done with it (handled, no handler in this group, or dead-lettered): its offset may be committed. */
  | { kind: 'commit' }
  /** Pause the partition, rewind it to this record, and resume it after `delayMs` for attempt `attempt`. */
  | { kind: 'retry-later'; attempt: number; delayMs: number; error: string }
  /** Produce `letter` to the group's dead-letter topic, then commit. */
  | { kind: 'dead-letter'; letter: TransportMessage };

export function recordSource(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}@${offset}`;
}

/** The decision for one record, from the broker-agnostic delivery outcome. Pure. */
export function recordAction(outcome: DeliveryOutcome, message: TransportMessage, group: string, source: string): RecordAction {
  switch (outcome.kind) {
    case 'handled':
    case 'ignored':
      return { kind: 'commit' };
    case 'retry':
      return { kind: 'retry-later', attempt: outcome.nextAttempt, delayMs: outcome.delayMs, error: outcome.error };
    case 'dead-letter': {
      const letter = deadLetterMessage(message, group, outcome);
      return { kind: 'dead-letter', letter: { body: letter.body, headers: { ...letter.headers, [deadLetterSourceHeader]: source } } };
    }
  }
}

/** The part of kafkajs' `EachBatchPayload` the consumer uses, so that it can be driven without a broker. */
export interface BatchPayload {
  batch: { topic: string; partition: number; messages: readonly Pick<KafkaMessage, 'offset' | 'value' | 'headers'>[] };
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  commitOffsetsIfNecessary(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

/** What the batch handler needs from the kafkajs consumer and producer. */
export interface PartitionControl {
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
  /** The next fetch of the partition starts at `offset`. */
  seek(topic: string, partition: number, offset: string): void;
  /** Resolves once the dead-letter topic has the letter (acks=-1). */
  deadLetter(letter: TransportMessage): Promise<void>;
}

export interface BatchHandlerOptions<E extends object> {
  group: string;
  handlers: EventHandlers<E>;
  retryPolicy: RetryPolicy;
  control: PartitionControl;
  /** While a handler runs, the group is told this often that the consumer is alive (kafkajs only heartbeats between records). */
  heartbeatIntervalMs?: number;
}

/**
 * Handles the records of one partition in offset order, so the events of one aggregate (one key, one
 * partition) stay ordered, and resolves each offset only once its record is settled: committed offsets
 * never pass a record that was not handled or dead-lettered (at-least-once).
 *
 * Retries pause the partition. A failed record is not committed; the partition is paused, rewound to it,
 * and resumed after the retry policy's delay, when the record is fetched and handled again. The other
 * partitions go on meanwhile. Retry topics (`<topic>.retry.<n>`) were the alternative: they keep a
 * partition flowing, but a retried event would then be handled after later events of its aggregate,
 * which is the one guarantee the key gives. Pausing keeps it, at the cost of holding back the other keys
 * of that partition for at most the policy's total delay before the record is dead-lettered.
 *
 * Kafka does not count redeliveries, so the attempt count is kept here, per record: it survives a
 * rebalance that leaves the partition with this consumer, not a restart or a move to another consumer,
 * where the record starts again at attempt 1 (more attempts in total, never fewer).
 */
export class PartitionBatchHandler<E extends object> {
  private readonly attempts = new Map<string, number>();
  private readonly resumeTimers = new Map<string, NodeJS.Timeout>();
  private abandoned = false;
  private readonly options: BatchHandlerOptions<E>;

  constructor(options: BatchHandlerOptions<E>) {
    this.options = options;
  }

  async handleBatch(payload: BatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    for (const record of messages) {
      // Stopping: what is not handled yet stays uncommitted for the next consumer. Stale: a seek superseded the batch.
      if (!payload.isRunning() || payload.isStale()) return;
      const action = await this.whileBeating(payload, () => this.handleRecord(topic, partition, record));
      if (action.kind === 'retry-later') {
        this.retryLater(topic, partition, record.offset, action.delayMs);
        return;
      }
      payload.resolveOffset(record.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  /** Runs the record's handler and carries out what follows; returns what was done. */
  async handleRecord(topic: string, partition: number, record: Pick<KafkaMessage, 'offset' | 'value' | 'headers'>): Promise<RecordAction> {
    const source = recordSource(topic, partition, record.offset);
    const attempt = this.attempts.get(source) ?? 1;
    let action: RecordAction;
    try {
      const message = toTransportMessage(record, attempt);
      action = recordAction(await deliver(message, this.options.handlers, this.options.retryPolicy), message, this.options.group, source);
    } catch (error) {
      // Headers that are not even text: dead-lettered at once, with the body as it came.
      const message = { body: record.value ?? new Uint8Array(0), headers: {} };
      action = recordAction({ kind: 'dead-letter', reason: 'malformed', error: describeError(error), attempts: 0 }, message, this.options.group, source);
    }
    if (action.kind === 'dead-letter') await this.options.control.deadLetter(action.letter);
    if (action.kind === 'retry-later') this.attempts.set(source, action.attempt);
    else this.attempts.delete(source);
    return action;
  }

  /**
   * Runs `task` while heartbeating, so that a handler slower than the session timeout does not get the
   * consumer dropped from its group. A failed heartbeat (a rebalance) is left for the next one between
   * records, which rethrows it to kafkajs.
   */
  private async whileBeating<T>(payload: BatchPayload, task: () => Promise<T>): Promise<T> {
    const interval = this.options.heartbeatIntervalMs;
    const beat = () => {
      if (!this.abandoned) void payload.heartbeat().catch(() => undefined);
    };
    const timer = interval === undefined ? undefined : setInterval(beat, interval);
    try {
      return await task();
    } finally {
      clearInterval(timer);
    }
  }

  /** Partitions waiting for a retry, as `topic/partition`. */
  get pausedPartitions(): string[] {
    return [...this.resumeTimers.keys()];
  }

  /** Cancels the pending resumptions; the records waiting for a retry stay uncommitted. */
  stop(): void {
    for (const timer of this.resumeTimers.values()) clearTimeout(timer);
    this.resumeTimers.clear();
    this.attempts.clear();
  }

  /** The consumer gave up on the handlers still running (a shutdown deadline): they no longer keep it in its group. */
  abandon(): void {
    this.abandoned = true;
  }

  private retryLater(topic: string, partition: number, offset: string, delayMs: number): void {
    const { control } = this.options;
    const key = `${topic}/${partition}`;
    control.pause(topic, partition);
    control.seek(topic, partition, offset);
    clearTimeout(this.resumeTimers.get(key));
    const timer = setTimeout(() => {
      this.resumeTimers.delete(key);
      control.resume(topic, partition);
    }, delayMs);
    // A pending retry alone must not keep a process alive.
    timer.unref();
    this.resumeTimers.set(key, timer);
  }
}
