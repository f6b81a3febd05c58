// The steps the outbox tests are written in: writing events the way a repository's save will, a projector
// behind the inbox, a publisher that records what it publishes.
import { EventHandlers } from '../../../templates/messaging/runtime/messaging/shared/event-handlers.js';
import type { MessageBroker, MessageConsumer, MessagePublisher, PublishOptions } from '../../../templates/messaging/runtime/messaging/shared/ports.js';
import { probe, probeCatalog, ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { inboxHandler } from '../../../templates/messaging/runtime/messaging/outbox/inbox.js';
import { appendToOutbox, outboxRecord } from '../../../templates/messaging/runtime/messaging/outbox/outbox-writer.js';
import type { OutboxTables, TransactionalSqlClient } from '../../../templates/messaging/runtime/messaging/outbox/sql-client.js';

export const aggregateType = 'Probe';

/** Events numbered from `from`, spread over `aggregates` aggregates. */
export function probeEvents(count: number, aggregates: number, from = 0): ProbeEvent[] {
  return Array.from({ length: count }, (_, index) => probe(from + index, `aggregate-${(from + index) % aggregates}`));
}

/** Saves the events to the outbox, `perTransaction` to a transaction, one transaction after the other. */
export async function writeToOutbox(database: TransactionalSqlClient, tables: OutboxTables, events: readonly ProbeEvent[], perTransaction = 10): Promise<void> {
  for (let start = 0; start < events.length; start += perTransaction) {
    await database.$transaction((tx) =>
      appendToOutbox(
        tx,
        events.slice(start, start + perTransaction).map((event) => outboxRecord(probeCatalog, event, { aggregateType })),
        tables,
      ),
    );
  }
}

export const projectionDdl = 'CREATE TABLE projection (message_id text NOT NULL, aggregate_id text NOT NULL, sequence int NOT NULL)';

/** A consumer that writes each event to the `projection` table behind the inbox, and remembers what reached it. */
export class Projector {
  /** Every delivery, duplicates included. */
  deliveries = 0;
  /** The probe sequence numbers received, per aggregate, in the order they arrived. */
  readonly received = new Map<string, number[]>();
  readonly consumer: MessageConsumer;

  constructor(
    broker: MessageBroker<ProbeEvent>,
    database: TransactionalSqlClient,
    tables: OutboxTables,
    projectionTable: string,
    readonly group: string,
  ) {
    const handlers = new EventHandlers(probeCatalog).subscribe(
      ProbeEvent,
      inboxHandler(
        database,
        group,
        async (event: ProbeEvent, tx, context) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO ${projectionTable} (message_id, aggregate_id, sequence) VALUES ($1, $2, $3)`,
            context.messageId,
            event.aggregateId,
            event.sequence,
          );
        },
        { tables },
      ),
    );
    const counted = new EventHandlers(probeCatalog).subscribe(ProbeEvent, async (event, context) => {
      this.deliveries += 1;
      const list = this.received.get(event.aggregateId) ?? [];
      list.push(event.sequence);
      this.received.set(event.aggregateId, list);
      await handlers.subscriptionFor(context.eventType)?.handler(event, context);
    });
    this.consumer = broker.consumer({ group, handlers: counted });
  }
}

export interface PublishedEvent {
  by: string;
  aggregateId: string;
  sequence: number;
  messageId: string | undefined;
}

/** Wraps a publisher to record each event it published (after the confirm), and to fail on demand. */
export function recordingPublisher(
  publisher: MessagePublisher<ProbeEvent>,
  by: string,
  log: PublishedEvent[],
  failWith?: (event: ProbeEvent) => Error | undefined,
): MessagePublisher<ProbeEvent> {
  return {
    async publish(event: ProbeEvent, options?: PublishOptions) {
      const failure = failWith?.(event);
      if (failure) throw failure;
      await publisher.publish(event, options);
      log.push({ by, aggregateId: event.aggregateId, sequence: event.sequence, messageId: options?.messageId });
    },
    close: (options) => publisher.close(options),
  };
}

/** Whether each list is strictly increasing: in order, and no number twice. */
export function inOrder(lists: Iterable<readonly number[]>): boolean {
  return [...lists].every((list) => list.every((value, index) => index === 0 || value > list[index - 1]!));
}

export function byAggregate(log: readonly PublishedEvent[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const entry of log) map.set(entry.aggregateId, [...(map.get(entry.aggregateId) ?? []), entry.sequence]);
  return map;
}
