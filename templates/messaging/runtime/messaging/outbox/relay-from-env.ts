import type { EventCatalog } from '../shared/event-definition.js';
import { numberFromEnv, type Environment } from '../shared/env.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { MessagePublisher } from '../shared/ports.js';
import { postgresNotifications } from './notifications.js';
import { OutboxRelay } from './relay.js';
import { outboxTables, schemaOfDatabaseUrl, type SqlClient } from './sql-client.js';

export interface RelayFromEnvInput<E extends object> {
  /** The application's Prisma Client. */
  database: SqlClient;
  catalog: EventCatalog<E>;
  publisher: MessagePublisher<E>;
  env?: Environment;
  logger?: MessagingLogger;
}

/**
 * A relay configured from the environment: the tables in the schema of DATABASE_URL's `?schema=` (raw SQL
 * does not get the adapter's schema), LISTEN on DATABASE_URL when it is set (without it, the embedded
 * database: polling only), and OUTBOX_BATCH_SIZE, OUTBOX_CONCURRENCY, OUTBOX_POLL_INTERVAL_MS, OUTBOX_LEASE_MS,
 * OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_BASE_DELAY_MS, OUTBOX_RETRY_MAX_DELAY_MS, OUTBOX_RETENTION_HOURS.
 */
export function outboxRelayFromEnv<E extends object>({ database, catalog, publisher, env = process.env, logger }: RelayFromEnvInput<E>): OutboxRelay<E> {
  const url = env['DATABASE_URL'] || undefined;
  const tables = outboxTables(schemaOfDatabaseUrl(url));
  return new OutboxRelay({
    database,
    tables,
    catalog,
    publisher,
    ...(url !== undefined && { notifications: postgresNotifications({ connectionString: url, channel: tables.channel, ...(logger && { logger }) }) }),
    ...(logger && { logger }),
    batchSize: numberFromEnv(env, 'OUTBOX_BATCH_SIZE', 100, { min: 1 }),
    concurrency: numberFromEnv(env, 'OUTBOX_CONCURRENCY', 2, { min: 1 }),
    pollIntervalMs: numberFromEnv(env, 'OUTBOX_POLL_INTERVAL_MS', 1_000, { min: 1 }),
    leaseMs: numberFromEnv(env, 'OUTBOX_LEASE_MS', 30_000, { min: 1_000 }),
    maxAttempts: numberFromEnv(env, 'OUTBOX_MAX_ATTEMPTS', 10, { min: 1 }),
    retryBackoff: {
      baseDelayMs: numberFromEnv(env, 'OUTBOX_RETRY_BASE_DELAY_MS', 1_000),
      maxDelayMs: numberFromEnv(env, 'OUTBOX_RETRY_MAX_DELAY_MS', 300_000),
    },
    retentionMs: numberFromEnv(env, 'OUTBOX_RETENTION_HOURS', 168, { integer: false }) * 3_600_000,
  });
}

/**
 * Runs the relay until SIGTERM or SIGINT, then stops it within `shutdownMs` and calls `onStopped` (close the
 * broker and the database there). For a worker process of its own: `await runOutboxRelay(relay, …)`.
 */
export async function runOutboxRelay<E extends object>(
  relay: OutboxRelay<E>,
  {
    shutdownMs = 10_000,
    onStopped = async () => {},
    signals = ['SIGTERM', 'SIGINT'],
  }: { shutdownMs?: number; onStopped?: () => Promise<void>; signals?: readonly NodeJS.Signals[] } = {},
): Promise<void> {
  await relay.start();
  await new Promise<void>((resolve) => {
    for (const signal of signals) process.once(signal, () => resolve());
  });
  await relay.stop({ timeoutMs: shutdownMs });
  await onStopped();
}
