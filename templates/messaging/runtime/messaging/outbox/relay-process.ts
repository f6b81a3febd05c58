import type { EventCatalog } from '../shared/event-definition.js';
import { describeError } from '../shared/errors.js';
import { numberFromEnv, type Environment } from '../shared/env.js';
import { consoleLogger, type MessagingLogger } from '../shared/logger.js';
import type { MessageBroker } from '../shared/ports.js';
import { outboxStats } from './outbox-admin.js';
import { outboxRelayFromEnv, runOutboxRelay } from './relay-from-env.js';
import type { OutboxRelay } from './relay.js';
import { outboxTables, schemaOfDatabaseUrl, type OutboxTables, type SqlClient } from './sql-client.js';

export interface RelayProcessInput<E extends object> {
  /** The application's Prisma Client. */
  database: SqlClient;
  /** Closes the database client once the relay has stopped. */
  disconnect: () => Promise<void>;
  catalog: EventCatalog<E>;
  /** The project's broker (`createMessageBroker()`); closed once the relay has stopped. */
  broker: MessageBroker<E>;
  env?: Environment;
  logger?: MessagingLogger;
  /** Where the start, the periodic report and the stop are written (stdout by default). */
  log?: (line: string) => void;
  signals?: readonly NodeJS.Signals[];
}

/** One report line: what waits in the outbox, and what this relay did since it started. */
async function reportLine<E extends object>(database: SqlClient, relay: OutboxRelay<E>, tables: OutboxTables): Promise<string> {
  const stats = await outboxStats(database, tables);
  const { published, failedAttempts, deadLettered } = relay.metrics();
  return `outbox relay: pending ${stats.pending}, dead ${stats.dead}, lag ${Math.round(stats.lagMs)} ms; published ${published}, failed attempts ${failedAttempts}, dead-lettered ${deadLettered} since start`;
}

/**
 * The body of the relay's own process: relays until SIGTERM or SIGINT, writes what waits in the outbox every
 * OUTBOX_REPORT_INTERVAL_MS (default 60 s; 0 turns it off), then stops within OUTBOX_SHUTDOWN_MS (default
 * 10 s): the publishes in flight are confirmed and recorded, the rest of the batch handed back, then the
 * broker and the database are closed, and the promise resolves so that the process exits with code 0.
 */
export async function runRelayProcess<E extends object>({
  database,
  disconnect,
  catalog,
  broker,
  env = process.env,
  logger = consoleLogger,
  log = (line) => console.log(line),
  signals = ['SIGTERM', 'SIGINT'],
}: RelayProcessInput<E>): Promise<void> {
  const reportEveryMs = numberFromEnv(env, 'OUTBOX_REPORT_INTERVAL_MS', 60_000);
  const shutdownMs = numberFromEnv(env, 'OUTBOX_SHUTDOWN_MS', 10_000, { min: 1 });
  const relay = outboxRelayFromEnv({ database, catalog, publisher: broker.publisher(), env, logger });
  const tables = outboxTables(schemaOfDatabaseUrl(env['DATABASE_URL'] || undefined));
  const report = () =>
    reportLine(database, relay, tables).then(log, (error: unknown) =>
      logger.warn('the outbox relay could not read the outbox for its report', { error: describeError(error) }),
    );
  const timer = reportEveryMs > 0 ? setInterval(() => void report(), reportEveryMs) : undefined;
  timer?.unref();
  log(`outbox relay ${relay.owner} started (${env['DATABASE_URL'] ? 'woken by NOTIFY, polling as a fallback' : 'polling the embedded database'})`);
  await runOutboxRelay(relay, {
    shutdownMs,
    signals,
    onStopped: async () => {
      clearInterval(timer);
      await report();
      await broker.close({ timeoutMs: shutdownMs });
      await disconnect();
    },
  });
  log(`outbox relay ${relay.owner} stopped`);
}
