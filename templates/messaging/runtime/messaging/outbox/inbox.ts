import type { EventHandler } from '../shared/event-handlers.js';
import type { MessageContext } from '../shared/ports.js';
import { inTransaction, outboxTables, type OutboxTables, type SqlClient, type TransactionalSqlClient, type TransactionOptions } from './sql-client.js';

export type InboxResult<R> = { handled: true; result: R } | { handled: false };

export interface InboxOptions {
  tables?: OutboxTables;
  /**
   * Passed to Prisma's interactive transaction (its own defaults: 2 s to start, 5 s to run). A transaction that
   * cannot start in time is begun again, three times in all, before the error reaches the consumer's retry.
   */
  transaction?: TransactionOptions;
}

/**
 * Runs `work` once per (consumer, message id): records the message in the inbox and does the work in one
 * transaction. A redelivered message finds its row and changes nothing; a delivery racing another of the
 * same message waits on the row's key, then finds it. When `work` throws, the transaction rolls back with
 * the inbox row, and the broker's redelivery runs it again.
 */
export async function handleOnce<Tx extends SqlClient, R>(
  database: TransactionalSqlClient<Tx>,
  consumer: string,
  messageId: string,
  work: (tx: Tx) => Promise<R>,
  options: InboxOptions = {},
): Promise<InboxResult<R>> {
  const { inbox } = options.tables ?? outboxTables();
  return inTransaction(
    database,
    async (tx) => {
      const recorded = await tx.$executeRawUnsafe(
        `INSERT INTO ${inbox} (consumer, message_id) VALUES ($1::text, $2::text) ON CONFLICT (consumer, message_id) DO NOTHING`,
        consumer,
        messageId,
      );
      if (recorded === 0) return { handled: false } as const;
      return { handled: true, result: await work(tx) } as const;
    },
    options.transaction,
  );
}

/**
 * A consumer handler whose database effects happen exactly once per message: register it with
 * `EventHandlers.subscribe`, and make every write of `handler` through the transaction client it is given.
 */
export function inboxHandler<Tx extends SqlClient, E>(
  database: TransactionalSqlClient<Tx>,
  consumer: string,
  handler: (event: E, tx: Tx, context: MessageContext) => Promise<void>,
  options: InboxOptions = {},
): EventHandler<E> {
  return async (event, context) => {
    await handleOnce(database, consumer, context.messageId, (tx) => handler(event, tx, context), options);
  };
}

/** Forgets messages handled more than `retentionMs` ago: one redelivered after that would be handled again. */
export function purgeInbox(client: SqlClient, retentionMs: number, tables: OutboxTables = outboxTables()): PromiseLike<number> {
  return client.$executeRawUnsafe(`DELETE FROM ${tables.inbox} WHERE processed_at < now() - make_interval(secs => $1::double precision / 1000)`, retentionMs);
}
