import { randomUUID } from 'node:crypto';
import type { EventCatalog } from '../shared/event-definition.js';
import type { JsonObject } from '../shared/json.js';
import { outboxTables, type OutboxTables, type SqlClient } from './sql-client.js';

/** One event as the outbox stores it until the relay publishes it. */
export interface OutboxRecord {
  /** The message id on the broker; consumers' inboxes deduplicate on it. */
  eventId: string;
  eventType: string;
  schemaVersion: number;
  aggregateType: string;
  aggregateId: string;
  /** The event's place among its aggregate's events; the next free one when left out. */
  sequence?: number;
  payload: JsonObject;
  /** Correlation and causation ids, carried to the published message. */
  headers?: OutboxHeaders;
  occurredAt: Date;
}

export interface OutboxHeaders {
  correlationId?: string;
  causationId?: string;
}

export interface RecordOptions extends OutboxHeaders {
  aggregateType: string;
  /** Defaults to the event's ordering key (its aggregate's id in the generated event map). */
  aggregateId?: string;
  eventId?: string;
  sequence?: number;
}

/** Serializes a domain event of the catalog into an outbox record, as the broker publisher would serialize it. */
export function outboxRecord<E extends object>(catalog: EventCatalog<E>, event: E, options: RecordOptions): OutboxRecord {
  const definition = catalog.byEvent(event);
  const aggregateId = options.aggregateId ?? definition.orderingKey?.(event);
  if (aggregateId === undefined) throw new Error(`${definition.eventType} has no ordering key: pass the aggregate id`);
  const headers: OutboxHeaders = {
    ...(options.correlationId !== undefined && { correlationId: options.correlationId }),
    ...(options.causationId !== undefined && { causationId: options.causationId }),
  };
  return {
    eventId: options.eventId ?? randomUUID(),
    eventType: definition.eventType,
    schemaVersion: definition.schemaVersion,
    aggregateType: options.aggregateType,
    aggregateId,
    ...(options.sequence !== undefined && { sequence: options.sequence }),
    payload: definition.serialize(event),
    headers,
    occurredAt: definition.occurredAt?.(event) ?? new Date(),
  };
}

/**
 * Writes events to the outbox through `client`, which must be the transaction that saves their aggregate:
 * they are then committed with it or not at all. A sequence left out is the aggregate's next one; two
 * transactions writing the same aggregate at once then clash on the unique sequence, and one fails.
 * NOTIFY wakes the relays when (and only if) the transaction commits.
 */
export async function appendToOutbox(client: SqlClient, records: readonly OutboxRecord[], tables: OutboxTables = outboxTables()): Promise<void> {
  const insert = `INSERT INTO ${tables.outbox}
      (event_id, event_type, schema_version, aggregate_type, aggregate_id, sequence, payload, headers, occurred_at)
    SELECT $1::text, $2::text, $3::int, $4::text, $5::text,
      COALESCE($6::int, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM ${tables.outbox} WHERE aggregate_type = $4::text AND aggregate_id = $5::text)),
      $7::jsonb, $8::jsonb, $9::timestamptz`;
  // The last insert also notifies, saving the transaction a round trip: pg_notify runs once, in its FROM.
  const insertAndNotify = `${insert} FROM (SELECT pg_notify($10::text, '')) AS notified`;
  // One at a time: a computed sequence must see the row written just before it.
  for (const [index, record] of records.entries()) {
    const last = index === records.length - 1;
    await client.$executeRawUnsafe(
      last ? insertAndNotify : insert,
      record.eventId,
      record.eventType,
      record.schemaVersion,
      record.aggregateType,
      record.aggregateId,
      record.sequence ?? null,
      JSON.stringify(record.payload),
      JSON.stringify(record.headers ?? {}),
      record.occurredAt.toISOString(),
      ...(last ? [tables.channel] : []),
    );
  }
}
