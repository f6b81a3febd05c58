import type { EventCatalog, EventClass } from '../shared/event-definition.js';
import { EventHandlers } from '../shared/event-handlers.js';
import { isJsonObject } from '../shared/json.js';
import type { InboxOptions } from '../outbox/inbox.js';
import { inTransaction, outboxTables, type OutboxTables, type SqlClient, type TransactionalSqlClient } from '../outbox/sql-client.js';

/** What a projection handler knows of the message besides the event: the id the inbox deduplicates on. */
export interface ProjectedMessage {
  messageId: string;
}

export type ProjectionHandler<E, Tx> = (event: E, tx: Tx, message: ProjectedMessage) => Promise<void>;

/** One read model kept from events: its handlers, and how to empty it before a rebuild. */
export interface Projection<E extends object, Tx extends SqlClient> {
  /** The consumer name in the inbox and the checkpoint's key. */
  name: string;
  /** Wire event type → handler. */
  handlers: ReadonlyMap<string, ProjectionHandler<E, Tx>>;
  /** Deletes every row of the read model, inside the rebuild's transaction. */
  truncate(tx: Tx): PromiseLike<unknown>;
}

/** Where the checkpoints live, besides the outbox and inbox. */
export interface ProjectionTables extends OutboxTables {
  checkpoints: string;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function projectionTables(schema?: string): ProjectionTables {
  const checkpoints = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier('projection_checkpoints')}` : quoteIdentifier('projection_checkpoints');
  return { ...outboxTables(schema), checkpoints };
}

export interface Checkpoint {
  projection: string;
  lastEventId: string;
  updatedAt: Date;
}

/** Records `messageId` as the last event `projection` applied, in the transaction that applied it. */
export async function saveCheckpoint(client: SqlClient, projection: string, messageId: string, tables: ProjectionTables = projectionTables()): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO ${tables.checkpoints} (projection, last_event_id, updated_at) VALUES ($1::text, $2::text, now())
     ON CONFLICT (projection) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, updated_at = EXCLUDED.updated_at`,
    projection,
    messageId,
  );
}

export async function readCheckpoint(client: SqlClient, projection: string, tables: ProjectionTables = projectionTables()): Promise<Checkpoint | undefined> {
  const rows = await client.$queryRawUnsafe<{ projection: string; last_event_id: string; updated_at: Date | string }[]>(
    `SELECT projection, last_event_id, updated_at FROM ${tables.checkpoints} WHERE projection = $1::text`,
    projection,
  );
  const row = rows[0];
  return row && { projection: row.projection, lastEventId: row.last_event_id, updatedAt: new Date(row.updated_at) };
}

export interface ProjectionOptions extends InboxOptions {
  tables?: ProjectionTables;
}

/**
 * Live applies of a projection share a transaction-scoped advisory lock that its rebuild takes exclusively: a
 * rebuild waits for the applies in flight and holds new ones back until it commits, so no event is applied both
 * by the rebuild and by a delivery racing it.
 */
function projectionLockKey(tables: ProjectionTables, projection: string): string {
  return `${tables.checkpoints} ${projection}`;
}

function lockProjectionExclusively(tx: SqlClient, tables: ProjectionTables, projection: string): PromiseLike<unknown> {
  return tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1::text))::text AS locked`, projectionLockKey(tables, projection));
}

/**
 * A live apply's first statement: takes the projection's shared lock, then records the message in the inbox
 * unless it is there, in one round trip (the insert reads its row from the lock's materialized result, so the
 * lock is held first). Says whether the message was recorded now.
 */
async function lockSharedAndRecord(tx: SqlClient, tables: ProjectionTables, projection: string, messageId: string): Promise<boolean> {
  const recorded = await tx.$executeRawUnsafe(
    `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(hashtext($3::text)))
     INSERT INTO ${tables.inbox} (consumer, message_id) SELECT $1::text, $2::text FROM locked
     ON CONFLICT (consumer, message_id) DO NOTHING`,
    projection,
    messageId,
    projectionLockKey(tables, projection),
  );
  return recorded > 0;
}

/** Records the message in the inbox unless it is there; says whether it was recorded now. */
async function recordInInbox(tx: SqlClient, tables: ProjectionTables, projection: string, messageId: string): Promise<boolean> {
  const recorded = await tx.$executeRawUnsafe(
    `INSERT INTO ${tables.inbox} (consumer, message_id) VALUES ($1::text, $2::text) ON CONFLICT (consumer, message_id) DO NOTHING`,
    projection,
    messageId,
  );
  return recorded > 0;
}

/**
 * Applies one delivered event to the read model exactly once: the inbox row, the handler's writes and the
 * checkpoint share one transaction (a redelivered event finds its inbox row and changes nothing; a handler that
 * throws rolls all three back). Events the projection has no handler for are ignored. Says whether it applied.
 */
export async function applyToProjection<E extends object, Tx extends SqlClient>(
  database: TransactionalSqlClient<Tx>,
  projection: Projection<E, Tx>,
  eventType: string,
  event: E,
  message: ProjectedMessage,
  options: ProjectionOptions = {},
): Promise<boolean> {
  const handler = projection.handlers.get(eventType);
  if (handler === undefined) return false;
  const tables = options.tables ?? projectionTables();
  return inTransaction(
    database,
    async (tx) => {
      if (!(await lockSharedAndRecord(tx, tables, projection.name, message.messageId))) return false;
      await handler(event, tx, message);
      await saveCheckpoint(tx, projection.name, message.messageId, tables);
      return true;
    },
    options.transaction,
  );
}

/** One entry of `Projection.handlers`: the event class's wire type, and its handler typed by the class. */
export function handlerFor<E extends object, C extends EventClass<E>, Tx>(
  catalog: EventCatalog<E>,
  eventClass: C,
  handler: ProjectionHandler<C['prototype'], Tx>,
): [string, ProjectionHandler<E, Tx>] {
  return [catalog.byClass(eventClass).eventType, handler as ProjectionHandler<E, Tx>];
}

/** The consumer handlers of a projection, one per event class, to pass to `createConsumer` (its group is the projection's name). */
export function projectionHandlers<E extends object, Tx extends SqlClient>(
  database: TransactionalSqlClient<Tx>,
  catalog: EventCatalog<E>,
  projection: Projection<E, Tx>,
  eventClasses: readonly EventClass<E>[],
  options: ProjectionOptions = {},
): EventHandlers<E> {
  const handlers = new EventHandlers(catalog);
  for (const eventClass of eventClasses) {
    const { eventType } = catalog.byClass(eventClass);
    handlers.subscribe(eventClass, async (event, context) => {
      await applyToProjection(database, projection, eventType, event as E, { messageId: context.messageId }, options);
    });
  }
  return handlers;
}

export interface RebuildOptions extends ProjectionOptions {
  /** Rows read from the outbox per query. */
  batchSize?: number;
  /** The whole rebuild is one transaction: by default it may wait 10 s to start and run 10 minutes. */
  transaction?: { maxWait?: number; timeout?: number };
}

export interface RebuildResult {
  applied: number;
  lastEventId?: string;
}

interface RetainedRow {
  position: bigint | number | string;
  event_id: string;
  event_type: string;
  schema_version: number;
  payload: unknown;
}

/**
 * Empties the read model and replays every event the outbox still holds (published or not yet, never dead)
 * whose type the projection handles, in commit order, in one transaction: readers see the old read model until
 * the new one is complete. The projection's inbox rows are replaced by the replayed events' ids, so a late
 * redelivery of a replayed event still changes nothing. Only as complete as the outbox's retention: events
 * purged from it (`retentionMs`) are not replayed.
 */
export async function rebuildProjection<E extends object, Tx extends SqlClient>(
  database: TransactionalSqlClient<Tx>,
  catalog: EventCatalog<E>,
  projection: Projection<E, Tx>,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const tables = options.tables ?? projectionTables();
  const batchSize = options.batchSize ?? 500;
  const eventTypes = [...projection.handlers.keys()];
  return database.$transaction(
    async (tx) => {
      await lockProjectionExclusively(tx, tables, projection.name);
      await projection.truncate(tx);
      await tx.$executeRawUnsafe(`DELETE FROM ${tables.inbox} WHERE consumer = $1::text`, projection.name);
      await tx.$executeRawUnsafe(`DELETE FROM ${tables.checkpoints} WHERE projection = $1::text`, projection.name);
      let after = '0';
      let applied = 0;
      let lastEventId: string | undefined;
      for (;;) {
        const rows = await tx.$queryRawUnsafe<RetainedRow[]>(
          `SELECT position, event_id, event_type, schema_version, payload FROM ${tables.outbox}
         WHERE position > $1::bigint AND event_type = ANY($2::text[]) AND dead_at IS NULL
         ORDER BY position LIMIT $3::int`,
          after,
          eventTypes,
          batchSize,
        );
        for (const row of rows) {
          const definition = catalog.byType(row.event_type);
          if (definition === undefined) throw new Error(`the outbox holds ${row.event_type}, which the event catalog does not know`);
          if (Number(row.schema_version) !== definition.schemaVersion) {
            throw new Error(`the outbox holds ${row.event_type} version ${row.schema_version}; this build reads version ${definition.schemaVersion}`);
          }
          const payload: unknown = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
          if (!isJsonObject(payload)) throw new Error(`the outbox event ${row.event_id} has a payload that is not a JSON object`);
          const handler = projection.handlers.get(row.event_type)!;
          await recordInInbox(tx, tables, projection.name, row.event_id);
          await handler(definition.deserialize(payload), tx, { messageId: row.event_id });
          applied += 1;
          lastEventId = row.event_id;
        }
        if (rows.length < batchSize) break;
        after = String(rows[rows.length - 1]!.position);
      }
      if (lastEventId !== undefined) await saveCheckpoint(tx, projection.name, lastEventId, tables);
      return { applied, ...(lastEventId !== undefined && { lastEventId }) };
    },
    options.transaction ?? { maxWait: 10_000, timeout: 600_000 },
  );
}
