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

/** Which dead events to requeue: those named, or of one type, or (both left out) all of them. */
export interface DeadEventSelection {
  eventIds?: readonly string[];
  eventType?: string;
}

/**
 * Gives dead events a fresh set of attempts and wakes the relays; returns how many. The events of its aggregate
 * that went out while it was dead stay ahead of a requeued event; the ones still waiting come after it: no relay
 * takes the aggregate while another holds some of its events (see `OutboxStore.claim`), and then the requeued
 * event, the lowest sequence waiting, is its head.
 */
export async function requeueDeadEvents(client: SqlClient, tables: OutboxTables = outboxTables(), selection: DeadEventSelection = {}): Promise<number> {
  const count = await client.$executeRawUnsafe(
    `UPDATE ${tables.outbox} SET dead_at = NULL, attempts = 0, last_error = NULL, available_at = now()
     WHERE dead_at IS NOT NULL AND ($1::text[] IS NULL OR event_id = ANY($1::text[])) AND ($2::text IS NULL OR event_type = $2::text)`,
    selection.eventIds === undefined ? null : [...selection.eventIds],
    selection.eventType ?? null,
  );
  if (count > 0) await client.$executeRawUnsafe('SELECT pg_notify($1::text, $2::text)', tables.channel, '');
  return count;
}

/** What to delete: dead events, published events, or both, that have been so for longer than `olderThanMs`. */
export interface PurgeSelection {
  dead?: boolean;
  published?: boolean;
  olderThanMs: number;
}

/**
 * Deletes dead and/or published events that died or were published more than `olderThanMs` ago, except each
 * aggregate's last event, which keeps its sequence counting on (a new event must not reuse a sequence a
 * consumer has seen). Returns how many of each went.
 */
export async function purgeOutbox(client: SqlClient, tables: OutboxTables = outboxTables(), selection: PurgeSelection): Promise<{ dead: number; published: number }> {
  const { outbox } = tables;
  const purge = (column: 'dead_at' | 'published_at') =>
    client.$executeRawUnsafe(
      `DELETE FROM ${outbox} o
       WHERE o.${column} < now() - make_interval(secs => $1::double precision / 1000)
         AND EXISTS (SELECT 1 FROM ${outbox} n WHERE n.aggregate_type = o.aggregate_type AND n.aggregate_id = o.aggregate_id AND n.sequence > o.sequence)`,
      selection.olderThanMs,
    );
  return {
    dead: selection.dead ? await purge('dead_at') : 0,
    published: selection.published ? await purge('published_at') : 0,
  };
}
