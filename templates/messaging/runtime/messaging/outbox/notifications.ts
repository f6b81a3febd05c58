import pg from 'pg';
import { backoffDelayMs, type Backoff } from '../shared/backoff.js';
import { describeError } from '../shared/errors.js';
import { silentLogger, type MessagingLogger } from '../shared/logger.js';

/** Something that tells the relay new events were committed, so it need not wait for its next poll. */
export interface OutboxNotifications {
  /** Starts listening; `onNotify` may be called at any time until the returned `close()` has resolved. */
  listen(onNotify: () => void): Promise<{ close(): Promise<void> }>;
}

export interface PostgresNotificationsOptions {
  /** A node-postgres connection string (without Prisma's `?schema=`: it is dropped here). */
  connectionString: string;
  channel: string;
  logger?: MessagingLogger;
  /** Between attempts to listen again after the connection was lost (the relay polls meanwhile). */
  reconnect?: Backoff;
}

/**
 * PostgreSQL LISTEN on a connection of its own (a pooled connection would lose the subscription). When the
 * connection drops it is opened again with backoff; the relay's polling covers the gap, so nothing is missed,
 * it is only later. Not available on the embedded PGlite database: the relay polls there.
 */
export function postgresNotifications({
  connectionString,
  channel,
  logger = silentLogger,
  reconnect = { baseDelayMs: 500, maxDelayMs: 30_000 },
}: PostgresNotificationsOptions): OutboxNotifications {
  const url = new URL(connectionString);
  url.searchParams.delete('schema');
  return {
    async listen(onNotify) {
      let closed = false;
      let client: pg.Client | undefined;
      let retry: NodeJS.Timeout | undefined;
      let failures = 0;
      const connect = async (): Promise<void> => {
        const candidate = new pg.Client({ connectionString: url.toString() });
        candidate.on('notification', (message) => {
          if (message.channel === channel) onNotify();
        });
        const lost = (error?: unknown): void => {
          if (client !== candidate) return;
          logger.warn('the outbox notification connection was lost; polling until it is back', { error: describeError(error ?? 'connection ended') });
          client = undefined;
          void candidate.end().catch(() => {});
          schedule();
        };
        candidate.on('error', lost);
        candidate.on('end', () => lost());
        try {
          await candidate.connect();
          await candidate.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
        } catch (error) {
          await candidate.end().catch(() => {});
          throw error;
        }
        if (closed) {
          await candidate.end();
          return;
        }
        client = candidate;
        failures = 0;
        // Events committed while no one listened are found now rather than at the next poll.
        onNotify();
      };
      const schedule = (): void => {
        if (closed || retry !== undefined) return;
        failures += 1;
        retry = setTimeout(
          () => {
            retry = undefined;
            void connectOrRetry();
          },
          backoffDelayMs(failures, reconnect),
        );
      };
      const connectOrRetry = (): Promise<void> =>
        connect().catch((error: unknown) => {
          logger.warn('cannot listen for outbox notifications; polling until it can', { error: describeError(error) });
          schedule();
        });
      // Never rejects: without notifications the relay still polls.
      await connectOrRetry();
      return {
        async close() {
          closed = true;
          clearTimeout(retry);
          const open = client;
          client = undefined;
          await open?.end().catch(() => {});
        },
      };
    },
  };
}
