/**
 * The part of Prisma Client the outbox, the relay and the inbox use: raw SQL with bound parameters, and
 * interactive transactions. Any Prisma Client fits, over node-postgres or the embedded PGlite adapter; so
 * does a transaction client, which is what lets the outbox rows be written in the caller's transaction.
 *
 * The `Unsafe` variants are used because the table names carry the schema, chosen at run time; the SQL
 * text is otherwise constant and every value is a bound parameter, never text in the statement.
 */
export interface SqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** A client that can open an interactive transaction, handing its callback a client of type `Tx`. */
export interface TransactionalSqlClient<Tx extends SqlClient = SqlClient> extends SqlClient {
  $transaction<R>(work: (tx: Tx) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

/** Prisma's interactive transaction options: how long to wait for the transaction to begin, and to run. */
export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
}

/**
 * Whether `error` says the transaction never began: no connection from the pool in time (P2024), or BEGIN not
 * done within `maxWait` (P2028 "Unable to start a transaction"). The work did not run, so it can run again as is.
 */
export function transactionNeverStarted(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'P2024' || (code === 'P2028' && typeof message === 'string' && message.includes('Unable to start a transaction'));
}

/**
 * Runs `work` in an interactive transaction, and begins it again, up to `startAttempts` times in all, while it
 * cannot begin in time (a pool or a server too busy to hand out a connection). A consumer applying an event
 * keeps its place this way: through the broker's retry, the event would come back behind its aggregate's later ones.
 */
export async function inTransaction<Tx extends SqlClient, R>(
  database: TransactionalSqlClient<Tx>,
  work: (tx: Tx) => Promise<R>,
  options?: TransactionOptions,
  startAttempts = 3,
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await database.$transaction(work, options);
    } catch (error) {
      if (attempt >= startAttempts || !transactionNeverStarted(error)) throw error;
    }
  }
}

/** Where the outbox and inbox live, as SQL names, and the channel NOTIFY wakes the relay on. */
export interface OutboxTables {
  outbox: string;
  inbox: string;
  /** The LISTEN/NOTIFY channel; one per schema, so relays of another schema are not woken. */
  channel: string;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The tables the migration created, qualified by `schema` when given (Prisma's `?schema=`: raw SQL does not
 * get the adapter's schema, only the connection's search_path), else found through the search_path.
 */
export function outboxTables(schema?: string): OutboxTables {
  const qualify = (table: string) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(table)}` : quoteIdentifier(table));
  return { outbox: qualify('outbox_events'), inbox: qualify('inbox_messages'), channel: `outbox_events:${schema ?? 'default'}` };
}

/** The `?schema=` of a `DATABASE_URL`, as the generated database client reads it. */
export function schemaOfDatabaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return new URL(url).searchParams.get('schema') ?? undefined;
}
