import { outboxTables, type OutboxTables, type SqlClient } from './sql-client.js';

export interface OutboxStats {
  /** Events neither published nor dead. */
  pending: number;
  dead: number;
  /** How long the oldest pending event has waited since it occurred; 0 when none waits. */
  lagMs: number;
}

/** What waits in the outbox, for a health endpoint or a metrics exporter. */
export async function outboxStats(client: SqlClient, tables: OutboxTables = outboxTables()): Promise<OutboxStats> {
  const [row] = await client.$queryRawUnsafe<{ pending: number; dead: number; lag_ms: number | null }[]>(
    `SELECT count(*) FILTER (WHERE published_at IS NULL AND dead_at IS NULL)::int AS pending,
            count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
            (EXTRACT(EPOCH FROM now() - min(occurred_at) FILTER (WHERE published_at IS NULL AND dead_at IS NULL)) * 1000)::float8 AS lag_ms
     FROM ${tables.outbox}`,
  );
  return { pending: Number(row?.pending ?? 0), dead: Number(row?.dead ?? 0), lagMs: Math.max(0, Number(row?.lag_ms ?? 0)) };
}

export interface DeadEvent {
  eventId: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  sequence: number;
  attempts: number;
  lastError: string | null;
  deadAt: Date;
}

/** The events the relay gave up on, oldest first, a page at a time. */
export async function deadEvents(client: SqlClient, tables: OutboxTables = outboxTables(), limit = 100): Promise<DeadEvent[]> {
  const rows = await client.$queryRawUnsafe<
    {
      event_id: string;
      event_type: string;
      aggregate_type: string;
      aggregate_id: string;
      sequence: number;
      attempts: number;
      last_error: string | null;
      dead_at: Date | string;
    }[]
  >(
    `SELECT event_id, event_type, aggregate_type, aggregate_id, sequence, attempts, last_error, dead_at
     FROM ${tables.outbox} WHERE dead_at IS NOT NULL ORDER BY position LIMIT $1::int`,
    limit,
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    eventType: row.event_type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    sequence: Number(row.sequence),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    deadAt: new Date(row.dead_at),
  }));
}

/**
 * Gives dead events (those named, or all) a fresh set of attempts and wakes the relays; returns how many.
 * A requeued event is published after the later events of its aggregate that went out meanwhile.
 */
export async function requeueDeadEvents(client: SqlClient, tables: OutboxTables = outboxTables(), eventIds?: readonly string[]): Promise<number> {
  const reset = `UPDATE ${tables.outbox} SET dead_at = NULL, attempts = 0, last_error = NULL, available_at = now() WHERE dead_at IS NOT NULL`;
  const count =
    eventIds === undefined ? await client.$executeRawUnsafe(reset) : await client.$executeRawUnsafe(`${reset} AND event_id = ANY($1::text[])`, [...eventIds]);
  if (count > 0) await client.$executeRawUnsafe('SELECT pg_notify($1::text, $2::text)', tables.channel, '');
  return count;
}
