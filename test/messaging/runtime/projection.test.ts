// The projection runtime on the local PostgreSQL: events applied through the inbox with their checkpoint, a
// redelivery absorbed, and a rebuild from the outbox's retained events equal to the live read model.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { probeCatalog, type ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { outboxRecord } from '../../../templates/messaging/runtime/messaging/outbox/outbox-writer.js';
import {
  applyToProjection,
  projectionTables,
  readCheckpoint,
  rebuildProjection,
  type Projection,
  type ProjectionTables,
} from '../../../templates/messaging/runtime/messaging/projections/projection.js';
import { transactionNeverStarted, type SqlClient, type TransactionalSqlClient } from '../../../templates/messaging/runtime/messaging/outbox/sql-client.js';
import { openOutboxDatabase, type OutboxTestDatabase, type TestPrisma } from '../support/outbox-database.js';
import { aggregateType, probeEvents, writeToOutbox } from '../support/outbox-steps.js';
import { serviceAvailable } from '../../support/services.js';

const postgresUp = await serviceAvailable('database');

describe.skipIf(!postgresUp)('projection runtime', () => {
  let db: OutboxTestDatabase;
  let prisma: TestPrisma;
  let tables: ProjectionTables;
  let summary: string;

  // A read model of the probes: per aggregate, how many events and the last sequence.
  const projection = (): Projection<ProbeEvent, SqlClient> => ({
    name: 'probe-summary',
    handlers: new Map([
      [
        'probe.happened',
        async (event: ProbeEvent, tx: SqlClient) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO ${summary} (aggregate_id, events, last_sequence) VALUES ($1::text, 1, $2::int)
             ON CONFLICT (aggregate_id) DO UPDATE SET events = ${summary}.events + 1, last_sequence = EXCLUDED.last_sequence`,
            event.aggregateId,
            event.sequence,
          );
        },
      ],
    ]),
    truncate: (tx) => tx.$executeRawUnsafe(`DELETE FROM ${summary}`),
  });
  const rows = () => db.sql('SELECT aggregate_id, events, last_sequence FROM probe_summary ORDER BY aggregate_id');

  beforeAll(async () => {
    db = await openOutboxDatabase('projection');
    prisma = await db.connect();
    await db.sql('CREATE TABLE projection_checkpoints (projection text PRIMARY KEY, last_event_id text NOT NULL, updated_at timestamptz(3) NOT NULL)');
    await db.sql('CREATE TABLE probe_summary (aggregate_id text PRIMARY KEY, events int NOT NULL, last_sequence int NOT NULL)');
    tables = projectionTables(db.schema);
    summary = `"${db.schema}"."probe_summary"`;
  }, 90_000);
  afterAll(async () => db?.close());
  beforeEach(async () => {
    await db.sql('TRUNCATE outbox_events, inbox_messages, projection_checkpoints, probe_summary');
  });

  test('applies each message once, with its checkpoint; a redelivery and an unhandled type change nothing', async () => {
    const events = probeEvents(6, 2);
    const records = events.map((event) => outboxRecord(probeCatalog, event, { aggregateType }));
    for (const [index, event] of events.entries()) {
      expect(await applyToProjection(prisma, projection(), 'probe.happened', event, { messageId: records[index]!.eventId }, { tables })).toBe(true);
    }
    const live = await rows();
    expect(live).toEqual([
      { aggregate_id: 'aggregate-0', events: 3, last_sequence: 4 },
      { aggregate_id: 'aggregate-1', events: 3, last_sequence: 5 },
    ]);
    expect(await applyToProjection(prisma, projection(), 'probe.happened', events[5]!, { messageId: records[5]!.eventId }, { tables })).toBe(false);
    expect(await applyToProjection(prisma, projection(), 'other.type', events[0]!, { messageId: 'other' }, { tables })).toBe(false);
    expect(await rows()).toEqual(live);
    expect((await readCheckpoint(prisma, 'probe-summary', tables))?.lastEventId).toBe(records[5]!.eventId);
  });

  test("an apply costs the handler's statements and two more (the lock with the inbox row, the checkpoint); a redelivery one", async () => {
    const statements: string[] = [];
    const counting = (client: SqlClient): SqlClient => ({
      $queryRawUnsafe: (query, ...values) => (statements.push(query), client.$queryRawUnsafe(query, ...values)),
      $executeRawUnsafe: (query, ...values) => (statements.push(query), client.$executeRawUnsafe(query, ...values)),
    });
    const database: TransactionalSqlClient = { ...counting(prisma), $transaction: (work, options) => prisma.$transaction((tx) => work(counting(tx)), options) };
    const [event] = probeEvents(1, 1);
    expect(await applyToProjection(database, projection(), 'probe.happened', event!, { messageId: 'm-1' }, { tables })).toBe(true);
    expect(statements).toHaveLength(3);
    statements.length = 0;
    expect(await applyToProjection(database, projection(), 'probe.happened', event!, { messageId: 'm-1' }, { tables })).toBe(false);
    expect(statements).toHaveLength(1);
    expect(await rows()).toEqual([{ aggregate_id: 'aggregate-0', events: 1, last_sequence: 0 }]);
  });

  test('an apply whose transaction cannot begin in time begins it again instead of handing the event to the broker’s retry', async () => {
    // The pool's only connection is held by another transaction until the apply's first attempt has failed.
    const narrow = await db.connect({ poolMax: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const holder = narrow.$transaction(async () => (holding(), held), { timeout: 30_000 });
    await holds;
    const failures: unknown[] = [];
    const database: TransactionalSqlClient = {
      ...narrow,
      $queryRawUnsafe: (query, ...values) => narrow.$queryRawUnsafe(query, ...values),
      $executeRawUnsafe: (query, ...values) => narrow.$executeRawUnsafe(query, ...values),
      $transaction: (work, options) =>
        narrow.$transaction(work, options).catch((error: unknown) => {
          failures.push(error);
          release();
          throw error;
        }),
    };
    const [event] = probeEvents(1, 1);
    const applied = applyToProjection(database, projection(), 'probe.happened', event!, { messageId: 'm-1' }, { tables, transaction: { maxWait: 100 } });
    expect(await applied).toBe(true);
    await holder;
    expect(failures).toHaveLength(1);
    expect(transactionNeverStarted(failures[0])).toBe(true);
    expect(await rows()).toEqual([{ aggregate_id: 'aggregate-0', events: 1, last_sequence: 0 }]);

    // A transaction that began and failed in the handler is not begun again: the broker's retry takes it.
    const failing: Projection<ProbeEvent, SqlClient> = {
      ...projection(),
      handlers: new Map([['probe.happened', async () => Promise.reject(new Error('boom'))]]),
    };
    let attempts = 0;
    const counting: TransactionalSqlClient = { ...database, $transaction: (work, options) => ((attempts += 1), narrow.$transaction(work, options)) };
    await expect(applyToProjection(counting, failing, 'probe.happened', event!, { messageId: 'm-2' }, { tables })).rejects.toThrow('boom');
    expect(attempts).toBe(1);
  });

  test('a handler that throws rolls back the inbox row and the checkpoint with it', async () => {
    const failing: Projection<ProbeEvent, SqlClient> = {
      ...projection(),
      handlers: new Map([['probe.happened', async () => Promise.reject(new Error('boom'))]]),
    };
    const [event] = probeEvents(1, 1);
    await expect(applyToProjection(prisma, failing, 'probe.happened', event!, { messageId: 'm-1' }, { tables })).rejects.toThrow('boom');
    expect(await db.sql('SELECT * FROM inbox_messages')).toEqual([]);
    expect(await readCheckpoint(prisma, 'probe-summary', tables)).toBeUndefined();
    expect(await applyToProjection(prisma, projection(), 'probe.happened', event!, { messageId: 'm-1' }, { tables })).toBe(true);
  });

  test('a rebuild from the retained outbox equals the live read model, in batches, and keeps absorbing redeliveries', async () => {
    const events = probeEvents(25, 4);
    await writeToOutbox(prisma, tables, events);
    const stored = await db.sql<{ event_id: string; payload: { sequence: number } }>('SELECT event_id, payload FROM outbox_events ORDER BY position');
    for (const [index, row] of stored.entries()) {
      await applyToProjection(prisma, projection(), 'probe.happened', events[index]!, { messageId: row.event_id }, { tables });
    }
    const live = await rows();
    await db.sql("UPDATE probe_summary SET events = 999 WHERE aggregate_id = 'aggregate-0'");
    const result = await rebuildProjection(prisma, probeCatalog, projection(), { tables, batchSize: 7 });
    expect(result).toEqual({ applied: 25, lastEventId: stored[24]!.event_id });
    expect(await rows()).toEqual(live);
    expect((await readCheckpoint(prisma, 'probe-summary', tables))?.lastEventId).toBe(stored[24]!.event_id);
    expect(await applyToProjection(prisma, projection(), 'probe.happened', events[3]!, { messageId: stored[3]!.event_id }, { tables })).toBe(false);
    expect(await rows()).toEqual(live);
  });

  test('a delivery racing a rebuild waits for it and is then absorbed: nothing applied twice, no deadlock', async () => {
    const events = probeEvents(6, 2);
    await writeToOutbox(prisma, tables, events);
    const stored = await db.sql<{ event_id: string }>('SELECT event_id FROM outbox_events ORDER BY position');
    for (const [index, row] of stored.slice(0, 5).entries()) {
      await applyToProjection(prisma, projection(), 'probe.happened', events[index]!, { messageId: row.event_id }, { tables });
    }
    // The rebuild dawdles on its first event, while the sixth event is delivered live: the delivery starts once
    // the rebuild is certainly under way (it holds the projection's lock before it replays anything).
    let replayed = 0;
    let replaying = () => {};
    const rebuildUnderWay = new Promise<void>((resolve) => (replaying = resolve));
    const slow = projection();
    const base = slow.handlers.get('probe.happened')!;
    const dawdling: Projection<ProbeEvent, SqlClient> = {
      ...slow,
      handlers: new Map([
        [
          'probe.happened',
          async (event, tx, message) => {
            if ((replayed += 1) === 1) {
              replaying();
              await new Promise((resolve) => setTimeout(resolve, 400));
            }
            await base(event, tx, message);
          },
        ],
      ]),
    };
    const rebuild = rebuildProjection(prisma, probeCatalog, dawdling, { tables });
    await Promise.race([rebuildUnderWay, rebuild]);
    const live = applyToProjection(prisma, projection(), 'probe.happened', events[5]!, { messageId: stored[5]!.event_id }, { tables });
    expect((await rebuild).applied).toBe(6);
    expect(await live).toBe(false);
    expect(await rows()).toEqual([
      { aggregate_id: 'aggregate-0', events: 3, last_sequence: 4 },
      { aggregate_id: 'aggregate-1', events: 3, last_sequence: 5 },
    ]);
  });

  test('dead events are not replayed; a rebuild that fails leaves the read model as it was', async () => {
    const events = probeEvents(4, 1);
    await writeToOutbox(prisma, tables, events);
    await db.sql('UPDATE outbox_events SET dead_at = now() WHERE sequence = 4');
    expect((await rebuildProjection(prisma, probeCatalog, projection(), { tables })).applied).toBe(3);
    const before = await rows();
    expect(before).toEqual([{ aggregate_id: 'aggregate-0', events: 3, last_sequence: 2 }]);
    await db.sql(`UPDATE outbox_events SET schema_version = 2 WHERE sequence = 3`);
    await expect(rebuildProjection(prisma, probeCatalog, projection(), { tables })).rejects.toThrow(/version 2/);
    expect(await rows()).toEqual(before);
  });
});
