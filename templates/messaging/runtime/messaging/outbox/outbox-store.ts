import { isJsonObject, type JsonObject } from '../shared/json.js';
import type { OutboxHeaders } from './outbox-writer.js';
import type { OutboxTables, SqlClient } from './sql-client.js';

/** A row the relay has leased and is about to publish. */
export interface ClaimedEvent {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  aggregateType: string;
  aggregateId: string;
  sequence: number;
  payload: JsonObject;
  headers: OutboxHeaders;
  occurredAt: Date;
  /** Failed attempts before this one. */
  attempts: number;
}

interface ClaimedRow {
  event_id: string;
  event_type: string;
  schema_version: number;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  payload: unknown;
  headers: unknown;
  occurred_at: Date | string;
  attempts: number;
}

/** Raw results carry `jsonb` parsed or as text depending on the adapter. */
function jsonObject(value: unknown): JsonObject {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isJsonObject(parsed)) throw new Error('an outbox row holds a payload or headers that is not a JSON object');
  return parsed;
}

function headersOf(value: unknown): OutboxHeaders {
  const headers = jsonObject(value);
  const text = (key: string) => (typeof headers[key] === 'string' ? headers[key] : undefined);
  const correlationId = text('correlationId');
  const causationId = text('causationId');
  return { ...(correlationId !== undefined && { correlationId }), ...(causationId !== undefined && { causationId }) };
}

function claimedEvent(row: ClaimedRow): ClaimedEvent {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    schemaVersion: Number(row.schema_version),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    sequence: Number(row.sequence),
    payload: jsonObject(row.payload),
    headers: headersOf(row.headers),
    occurredAt: new Date(row.occurred_at),
    attempts: Number(row.attempts),
  };
}

/** An event is waiting when it is neither published nor dead. */
const waiting = (alias: string) => `${alias}.published_at IS NULL AND ${alias}.dead_at IS NULL`;

/** The SQL of the relay, over the outbox table. Every statement is one round trip and its own transaction. */
export class OutboxStore {
  private readonly client: SqlClient;
  private readonly tables: OutboxTables;

  constructor(
    client: SqlClient,
    tables: OutboxTables,
  ) {
    this.client = client;
    this.tables = tables;
  }

  /**
   * Leases up to `limit` events for `owner`, leasing by aggregate: an aggregate is taken only through its
   * head (its lowest waiting sequence), when that head is due and not leased, and the head rows are locked
   * with SKIP LOCKED so concurrent relays take different aggregates. Arrays rather than joins: the plan stays
   * linear even when the table's statistics are stale (a burst of events into a table analyzed empty). The batch then holds, per aggregate,
   * a run of consecutive events from its head: whoever holds an aggregate's head holds all of it, so two
   * relays never publish events of one aggregate at once, and each publishes them in sequence order. An
   * aggregate any of whose waiting events is under a live lease is not taken at all: a dead event requeued
   * while a relay publishes the later ones becomes a head that is not leased, and must wait for that relay.
   */
  async claim(owner: string, limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
    const { outbox } = this.tables;
    const rows = await this.client.$queryRawUnsafe<ClaimedRow[]>(
      `WITH waiting_rows AS MATERIALIZED (
         SELECT w.position, w.sequence,
                first_value(w.position) OVER per_aggregate AS head,
                row_number() OVER per_aggregate AS rank,
                bool_or(w.lease_until IS NOT NULL AND w.lease_until >= now()) OVER whole_aggregate AS held
         FROM ${outbox} w
         WHERE ${waiting('w')}
         WINDOW per_aggregate AS (PARTITION BY w.aggregate_type, w.aggregate_id ORDER BY w.sequence),
                whole_aggregate AS (PARTITION BY w.aggregate_type, w.aggregate_id)
       ), heads AS (
         SELECT o.position
         FROM ${outbox} o
         WHERE o.position = ANY (ARRAY(SELECT head FROM waiting_rows WHERE rank = 1 AND NOT held))
           AND ${waiting('o')} AND o.available_at <= now() AND (o.lease_until IS NULL OR o.lease_until < now())
         ORDER BY o.position
         LIMIT $1::int
         FOR UPDATE OF o SKIP LOCKED
       ), chosen AS (
         SELECT r.position FROM waiting_rows r
         WHERE r.head = ANY (ARRAY(SELECT position FROM heads))
         ORDER BY r.rank, r.position
         LIMIT $1::int
       )
       UPDATE ${outbox} t
       SET lease_owner = $2::text, lease_until = now() + make_interval(secs => $3::double precision / 1000)
       WHERE t.position = ANY (ARRAY(SELECT position FROM chosen)) AND ${waiting('t')}
       RETURNING t.event_id, t.event_type, t.schema_version, t.aggregate_type, t.aggregate_id, t.sequence, t.payload, t.headers, t.occurred_at, t.attempts`,
      limit,
      owner,
      leaseMs,
    );
    return rows
      .map(claimedEvent)
      .sort((a, b) => a.aggregateType.localeCompare(b.aggregateType) || a.aggregateId.localeCompare(b.aggregateId) || a.sequence - b.sequence);
  }

  async markPublished(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.client.$executeRawUnsafe(
      `UPDATE ${this.tables.outbox} SET published_at = now(), lease_owner = NULL, lease_until = NULL WHERE event_id = ANY($1::text[])`,
      [...eventIds],
    );
  }

  /** Hands leased events back untouched, for another pass or another relay. */
  async release(owner: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.client.$executeRawUnsafe(
      `UPDATE ${this.tables.outbox} SET lease_owner = NULL, lease_until = NULL WHERE event_id = ANY($1::text[]) AND lease_owner = $2::text`,
      [...eventIds],
      owner,
    );
  }

  /**
   * Counts a failed attempt: the event is due again after `retryInMs`, or dead once it has had
   * `maxAttempts` attempts (at once when `maxAttempts` is 0: an event no retry can fix). Says whether it died.
   */
  async recordFailure(owner: string, eventId: string, error: string, retryInMs: number, maxAttempts: number): Promise<boolean> {
    const rows = await this.client.$queryRawUnsafe<{ dead: boolean }[]>(
      `UPDATE ${this.tables.outbox}
       SET attempts = attempts + 1, last_error = $2::text, lease_owner = NULL, lease_until = NULL,
           available_at = now() + make_interval(secs => $3::double precision / 1000),
           dead_at = CASE WHEN attempts + 1 >= $4::int THEN now() ELSE NULL END
       WHERE event_id = $1::text AND lease_owner = $5::text
       RETURNING dead_at IS NOT NULL AS dead`,
      eventId,
      error,
      retryInMs,
      maxAttempts,
      owner,
    );
    return rows[0]?.dead === true;
  }

  /**
   * Deletes events published more than `retentionMs` ago, at most `limit` at a time, except each
   * aggregate's last one: it keeps the aggregate's sequence counting on. Returns how many went.
   */
  purgePublished(retentionMs: number, limit = 10_000): PromiseLike<number> {
    const { outbox } = this.tables;
    return this.client.$executeRawUnsafe(
      `DELETE FROM ${outbox} WHERE position IN (
         SELECT o.position FROM ${outbox} o
         WHERE o.published_at < now() - make_interval(secs => $1::double precision / 1000)
           AND EXISTS (SELECT 1 FROM ${outbox} n WHERE n.aggregate_type = o.aggregate_type AND n.aggregate_id = o.aggregate_id AND n.sequence > o.sequence)
         ORDER BY o.position
         LIMIT $2::int)`,
      retentionMs,
      limit,
    );
  }
}
