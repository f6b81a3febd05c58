// The outbox's operations as a project runs them: the admin command (stats, dead, requeue, purge) and the body of
// the relay's own process, on a scratch PostgreSQL schema with the in-memory broker.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { waitFor } from '../../../templates/messaging/runtime/acceptance/acceptance-steps.js';
import { probe, probeCatalog, ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { InMemoryBroker } from '../../../templates/messaging/runtime/messaging/memory/in-memory-broker.js';
import { outboxStats } from '../../../templates/messaging/runtime/messaging/outbox/outbox-admin.js';
import { parseAge, runOutboxCommand } from '../../../templates/messaging/runtime/messaging/outbox/outbox-command.js';
import { runRelayProcess } from '../../../templates/messaging/runtime/messaging/outbox/relay-process.js';
import { EventHandlers } from '../../../templates/messaging/runtime/messaging/shared/event-handlers.js';
import { openOutboxDatabase, type OutboxTestDatabase, type TestPrisma } from '../support/outbox-database.js';
import { writeToOutbox } from '../support/outbox-steps.js';
import { serviceAvailable } from '../../support/services.js';

const postgresUp = await serviceAvailable('database');

describe.skipIf(!postgresUp)('outbox operations', () => {
  let db: OutboxTestDatabase;
  let prisma: TestPrisma;

  beforeAll(async () => {
    db = await openOutboxDatabase('outbox_ops');
    prisma = await db.connect();
  }, 90_000);
  afterAll(async () => db?.close());
  beforeEach(async () => {
    await db.sql('TRUNCATE outbox_events, inbox_messages');
  });

  async function command(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runOutboxCommand(args, { database: prisma, tables: db.tables, out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out, err };
  }

  /** Kills events by sequence, as the relay does after its last attempt, `agoMs` ago. */
  async function kill(sequences: number[], agoMs = 0): Promise<void> {
    await db.sql(
      `UPDATE outbox_events SET dead_at = now() - make_interval(secs => $2::double precision / 1000), attempts = 10, last_error = 'broker down'
       WHERE (payload->>'sequence')::int = ANY($1::int[])`,
      [sequences, agoMs],
    );
  }

  test('stats, dead and requeue by id, by type and all; usage errors exit 2 and change nothing', async () => {
    await writeToOutbox(prisma, db.tables, [probe(0, 'a'), probe(1, 'a'), probe(2, 'b'), probe(3, 'b'), probe(4, 'c')], 5);
    await kill([0, 2, 3]);
    const [dead] = (await command('dead', '--json')).out;
    const listed = JSON.parse(dead!) as { eventId: string; aggregateId: string; sequence: number }[];
    expect(listed.map((event) => [event.aggregateId, event.sequence])).toEqual([
      ['a', 1],
      ['b', 1],
      ['b', 2],
    ]);
    expect(await command('stats')).toEqual({ code: 0, out: [expect.stringMatching(/^pending 2, dead 3, lag \d+ ms$/)], err: [] });

    for (const args of [
      ['requeue'],
      ['requeue', '--all', '--type', 'probe.happened'],
      ['purge', '--dead'],
      ['purge', '--dead', '--older-than', '7 days'],
      ['frobnicate'],
      ['stats', '--verbose'],
    ]) {
      const run = await command(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.at(-1)).toContain('usage: outbox <command>');
    }
    expect((await outboxStats(prisma, db.tables)).dead).toBe(3);

    expect(await command('requeue', '--id', listed[1]!.eventId)).toMatchObject({ code: 0, out: ['requeued 1 dead event'] });
    expect(await command('requeue', '--type', 'other.event')).toMatchObject({ code: 0, out: ['requeued 0 dead events'] });
    expect(await command('requeue', '--type', 'probe.happened', '--id', listed[0]!.eventId, '--json')).toMatchObject({ code: 0, out: ['{"requeued":1}'] });
    expect(await command('requeue', '--all')).toMatchObject({ code: 0, out: ['requeued 1 dead event'] });
    expect(await outboxStats(prisma, db.tables)).toMatchObject({ pending: 5, dead: 0 });
    expect(await db.sql('SELECT count(*)::int AS n FROM outbox_events WHERE attempts > 0 OR last_error IS NOT NULL')).toEqual([{ n: 0 }]);
  });

  test("purge deletes dead and published events older than the age given, keeping each aggregate's last", async () => {
    await writeToOutbox(prisma, db.tables, [probe(0, 'a'), probe(1, 'a'), probe(2, 'a'), probe(3, 'b'), probe(4, 'b'), probe(5, 'c')], 6);
    await db.sql(`UPDATE outbox_events SET published_at = now() - interval '2 hours' WHERE (payload->>'sequence')::int IN (0, 3)`);
    await db.sql(`UPDATE outbox_events SET published_at = now() WHERE (payload->>'sequence')::int = 5`);
    await kill([1], 2 * 3_600_000);
    await kill([2, 4]);
    // Only published events an hour old: 0 and 3 (5 is recent).
    expect(await command('purge', '--published', '--older-than', '1h')).toMatchObject({ code: 0, out: ['purged 0 dead and 2 published events'] });
    // Dead for an hour: 1 (a's 2 and b's 4 died just now); a's 2 and c's 5 would be kept anyway, as their aggregate's last.
    expect(await command('purge', '--dead', '--published', '--older-than', '30m', '--json')).toMatchObject({ code: 0, out: ['{"dead":1,"published":0}'] });
    expect(await command('purge', '--dead', '--published', '--older-than', '0s')).toMatchObject({ code: 0, out: ['purged 0 dead and 0 published events'] });
    const left = await db.sql<{ sequence: number }>(`SELECT (payload->>'sequence')::int AS sequence FROM outbox_events ORDER BY 1`);
    expect(left.map((row) => row.sequence)).toEqual([2, 4, 5]);
    expect(parseAge('500ms') + parseAge('2d')).toBe(500 + 2 * 86_400_000);
  });

  test('the relay process relays, reports what waits, and on its signal stops, closes the broker, then the database', { timeout: 60_000 }, async () => {
    const broker = new InMemoryBroker({ catalog: probeCatalog });
    const received: number[] = [];
    const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, (event) => void received.push(event.sequence));
    await broker.consumer({ group: 'ops', handlers }).start();
    const lines: string[] = [];
    const closed: string[] = [];
    const closeBroker = broker.close.bind(broker);
    broker.close = async (options) => (closed.push('broker'), closeBroker(options));
    const running = runRelayProcess({
      database: prisma,
      disconnect: async () => void closed.push('database'),
      catalog: probeCatalog,
      broker,
      env: { DATABASE_URL: db.url, OUTBOX_POLL_INTERVAL_MS: '50', OUTBOX_REPORT_INTERVAL_MS: '100' },
      log: (line) => lines.push(line),
      signals: ['SIGUSR2'],
    });
    await writeToOutbox(prisma, db.tables, [probe(0, 'a'), probe(1, 'a'), probe(2, 'b')], 3);
    await waitFor(async () => received.length === 3, 'the events delivered', 20_000);
    await waitFor(async () => lines.some((line) => /pending 0, dead 0, lag 0 ms; published 3,/.test(line)), 'a report of the published events', 20_000);
    expect(lines[0]).toMatch(/^outbox relay \S+ started \(woken by NOTIFY, polling as a fallback\)$/);
    process.emit('SIGUSR2', 'SIGUSR2');
    await running;
    expect(closed).toEqual(['broker', 'database']);
    expect(lines.at(-1)).toMatch(/^outbox relay \S+ stopped$/);
    expect(received.sort()).toEqual([0, 1, 2]);
  });
});
