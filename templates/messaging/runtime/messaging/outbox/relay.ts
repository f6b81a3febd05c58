import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { backoffDelayMs, type Backoff } from '../shared/backoff.js';
import { describeError, MalformedMessageError } from '../shared/errors.js';
import type { EventCatalog } from '../shared/event-definition.js';
import { silentLogger, type MessagingLogger } from '../shared/logger.js';
import type { MessagePublisher } from '../shared/ports.js';
import { bestEffort, settledBy, shutdownDeadline, type ShutdownOptions } from '../shared/shutdown.js';
import type { OutboxNotifications } from './notifications.js';
import { OutboxStore, type ClaimedEvent } from './outbox-store.js';
import { outboxTables, type OutboxTables, type SqlClient } from './sql-client.js';

export interface OutboxRelayOptions<E extends object> {
  /** Prisma Client (or anything with its raw SQL methods) on the database holding the outbox. */
  database: SqlClient;
  tables?: OutboxTables;
  catalog: EventCatalog<E>;
  /** The broker publisher; the relay counts an event published only once `publish` has resolved (confirmed). */
  publisher: MessagePublisher<E>;
  /** Wakes the relay when events are committed; without it the relay only polls. */
  notifications?: OutboxNotifications;
  /** Names this relay in the leases it takes; unique by default. */
  owner?: string;
  /** Events leased at once (default 100). */
  batchSize?: number;
  /**
   * Batches in flight at once (default 2): while one waits for confirms, another claims other aggregates. Each
   * batch leases its own aggregates, as separate relays would, so order per aggregate holds.
   */
  concurrency?: number;
  /** How long a lease holds (default 30 s): a relay that dies leaves its events to others after this. */
  leaseMs?: number;
  /** The longest wait between two looks at the outbox when no notification comes (default 1 s). */
  pollIntervalMs?: number;
  /** Attempts before an event is moved to the dead state (default 10). */
  maxAttempts?: number;
  /** Delay before an event that failed is tried again (default 1 s doubling to 5 min). */
  retryBackoff?: Backoff;
  /** How long published events are kept before they are deleted (default 7 days). */
  retentionMs?: number;
  /** How often the relay deletes published events past their retention (default every minute). */
  purgeIntervalMs?: number;
  logger?: MessagingLogger;
}

export interface RelayMetrics {
  published: number;
  failedAttempts: number;
  deadLettered: number;
  /** From an event's occurrence to its broker confirm, for the last event published; undefined before the first. */
  lastLagMs: number | undefined;
  batches: number;
}

/** What became of one claimed batch. */
interface BatchOutcome {
  published: string[];
  unstarted: string[];
}

const defaults = {
  batchSize: 100,
  concurrency: 2,
  leaseMs: 30_000,
  pollIntervalMs: 1_000,
  maxAttempts: 10,
  retryBackoff: { baseDelayMs: 1_000, maxDelayMs: 300_000 },
  retentionMs: 7 * 24 * 3_600_000,
  purgeIntervalMs: 60_000,
};

/** Backoff after the database itself failed (a claim or an update), before the next try. */
const databaseBackoff: Backoff = { baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Publishes the events committed to the outbox. Several relays may run at once: each leases whole
 * aggregates (see `OutboxStore.claim`), publishes each aggregate's events one after the other awaiting the
 * broker's confirm, and the aggregates of a batch side by side. Delivery is at least once: a relay that dies
 * after a confirm and before recording it leaves the event to be published again, which consumers'
 * inboxes absorb. A relay stops publishing a batch before its lease runs out (less a margin), so its events
 * are never published by two relays at the same time.
 */
export class OutboxRelay<E extends object> {
  private readonly options: Required<Omit<OutboxRelayOptions<E>, 'notifications'>> & Pick<OutboxRelayOptions<E>, 'notifications'>;
  private readonly store: OutboxStore;
  private readonly counters: RelayMetrics = { published: 0, failedAttempts: 0, deadLettered: 0, lastLagMs: undefined, batches: 0 };
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private stopRequested = false;
  /** Counts notifications, so that a loop knows whether one came while it was busy. */
  private notifications = 0;
  private readonly sleepers = new Set<() => void>();
  private subscription: { close(): Promise<void> } | undefined;
  private lastPurge = 0;

  constructor(options: OutboxRelayOptions<E>) {
    this.options = {
      tables: outboxTables(),
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      logger: silentLogger,
      ...defaults,
      ...options,
    };
    this.store = new OutboxStore(this.options.database, this.options.tables);
  }

  get owner(): string {
    return this.options.owner;
  }

  metrics(): RelayMetrics {
    return { ...this.counters };
  }

  /** Starts listening (when notifications are configured) and relaying; resolves once the loop runs. */
  async start(): Promise<void> {
    if (this.loop !== undefined || this.stopping !== undefined) return;
    this.loop = Promise.resolve();
    const subscription = await this.options.notifications?.listen(() => this.notify());
    if (this.stopRequested) {
      await subscription?.close();
      return;
    }
    this.subscription = subscription;
    this.loop = Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, () => this.run())).then(() => {});
  }

  /**
   * Stops claiming, lets the events being published be confirmed and recorded, and hands the rest of the
   * batch back, up to the deadline; events still unrecorded then are left to their lease. Every call
   * returns the same promise; it never rejects.
   */
  stop(options?: ShutdownOptions): Promise<void> {
    this.stopping ??= this.stopBy(shutdownDeadline(options));
    return this.stopping;
  }

  /**
   * Claims one batch and publishes it; returns how many events it claimed. `start()` calls this in a loop;
   * call it directly to drain the outbox in a script or a test.
   */
  async relayBatch(): Promise<number> {
    const claimedAt = Date.now();
    const { owner, batchSize, leaseMs } = this.options;
    const batch = await this.store.claim(owner, batchSize, leaseMs);
    if (batch.length === 0) return 0;
    this.counters.batches += 1;
    // Nothing is published after this time, measured from before the claim, so the lease is still ours when the confirm comes.
    const publishBy = claimedAt + leaseMs - Math.min(leaseMs / 5, 5_000);
    const outcome: BatchOutcome = { published: [], unstarted: [] };
    // Settled, not all: when recording one aggregate's failure fails, the others' confirms are still recorded.
    const groups = await Promise.allSettled(groupByAggregate(batch).map((events) => this.publishInOrder(events, publishBy, outcome)));
    await this.store.markPublished(outcome.published);
    await this.store.release(owner, outcome.unstarted);
    const failed = groups.find((group) => group.status === 'rejected');
    if (failed) throw failed.reason;
    return batch.length;
  }

  /** Deletes published events past their retention now; returns how many. */
  purgePublished(): PromiseLike<number> {
    return this.store.purgePublished(this.options.retentionMs);
  }

  private notify(): void {
    this.notifications += 1;
    for (const wake of this.sleepers) wake();
  }

  private async run(): Promise<void> {
    let databaseFailures = 0;
    while (!this.stopRequested) {
      const seen = this.notifications;
      let claimed: number;
      try {
        claimed = await this.relayBatch();
        await this.purgeWhenDue();
        databaseFailures = 0;
      } catch (error) {
        databaseFailures += 1;
        this.options.logger.error('the outbox relay cannot reach the outbox; trying again', { error: describeError(error), owner: this.owner });
        await this.sleep(backoffDelayMs(databaseFailures, databaseBackoff), undefined);
        continue;
      }
      // A full batch means more may wait: go on at once. Otherwise wait for a notification or the next poll.
      if (claimed < this.options.batchSize) await this.sleep(this.options.pollIntervalMs, seen);
    }
  }

  private async purgeWhenDue(): Promise<void> {
    if (Date.now() - this.lastPurge < this.options.purgeIntervalMs) return;
    this.lastPurge = Date.now();
    await this.store.purgePublished(this.options.retentionMs);
  }

  /** One aggregate's events, in sequence order; the first failure holds back the ones after it. */
  private async publishInOrder(events: readonly ClaimedEvent[], publishBy: number, outcome: BatchOutcome): Promise<void> {
    for (const [index, event] of events.entries()) {
      if (this.stopRequested || Date.now() >= publishBy) {
        outcome.unstarted.push(...events.slice(index).map((held) => held.eventId));
        return;
      }
      try {
        await this.publish(event);
        outcome.published.push(event.eventId);
        this.counters.published += 1;
        this.counters.lastLagMs = Date.now() - event.occurredAt.getTime();
      } catch (error) {
        await this.recordFailure(event, error);
        outcome.unstarted.push(...events.slice(index + 1).map((held) => held.eventId));
        return;
      }
    }
  }

  private async publish(event: ClaimedEvent): Promise<void> {
    const definition = this.options.catalog.byType(event.eventType);
    if (definition === undefined) throw new MalformedMessageError(`Unknown event type "${event.eventType}"`);
    if (definition.schemaVersion !== event.schemaVersion) {
      throw new MalformedMessageError(
        `${event.eventType} was stored with schema version ${event.schemaVersion}; this relay publishes version ${definition.schemaVersion}`,
      );
    }
    const domainEvent = definition.deserialize(event.payload);
    await this.options.publisher.publish(domainEvent, {
      messageId: event.eventId,
      ...(event.headers.correlationId !== undefined && { correlationId: event.headers.correlationId }),
      ...(event.headers.causationId !== undefined && { causationId: event.headers.causationId }),
    });
  }

  /** A payload the relay cannot read will not read better later: such an event is dead at once. */
  private async recordFailure(event: ClaimedEvent, error: unknown): Promise<void> {
    const permanent = error instanceof MalformedMessageError;
    const attempt = event.attempts + 1;
    const { maxAttempts, retryBackoff, owner, logger } = this.options;
    this.counters.failedAttempts += 1;
    const dead = await this.store.recordFailure(owner, event.eventId, describeError(error), backoffDelayMs(attempt, retryBackoff), permanent ? 0 : maxAttempts);
    const details = { eventId: event.eventId, eventType: event.eventType, aggregateId: event.aggregateId, attempt, error: describeError(error) };
    if (dead) {
      this.counters.deadLettered += 1;
      logger.error('the outbox relay gave up on an event; it stays in the outbox as dead until requeued', details);
    } else logger.warn('the outbox relay could not publish an event; it will try again', details);
  }

  /** Waits `ms`, less when stopped or notified (at once when notified since `seen`). */
  private sleep(ms: number, seen: number | undefined): Promise<void> {
    if (this.stopRequested || (seen !== undefined && seen !== this.notifications)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async stopBy(deadline: number): Promise<void> {
    this.stopRequested = true;
    for (const wake of this.sleepers) wake();
    if (!(await settledBy(this.loop, deadline))) {
      this.options.logger.warn('the outbox relay was still publishing at its shutdown deadline; its leases will return the rest to the outbox', {
        owner: this.owner,
      });
    }
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) await bestEffort('closing the outbox notifications', () => subscription.close(), deadline, this.options.logger);
  }
}

function groupByAggregate(batch: readonly ClaimedEvent[]): ClaimedEvent[][] {
  const groups = new Map<string, ClaimedEvent[]>();
  for (const event of batch) {
    const key = JSON.stringify([event.aggregateType, event.aggregateId]);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return [...groups.values()];
}
