import net from 'node:net';
import pg from 'pg';
import { brokerInfo, brokers, type Broker } from '../../config/brokers.js';
import { openSchemaEngine, readMigrationsFolder, type MigrationHistory } from '../../migrate/index.js';
import { parseDatabaseUrl } from '../../migrate/database.js';
import type { ProjectContext } from '../../project/context.js';
import { fail, ok, skip, within, type CheckResult } from './check.js';
import { readSchema } from './project-checks.js';

/** How long a service may take to answer before doctor calls it unreachable. */
export interface ServiceTimeouts {
  connectMs: number;
  /** Reading the migration history through Prisma's schema engine. */
  historyMs: number;
}

export const defaultTimeouts: ServiceTimeouts = { connectMs: 3000, historyMs: 20_000 };

const errorText = (error: unknown): string => (error instanceof Error ? error.message || error.name : String(error));

/** Connects with `pg` and runs `SELECT 1`; undefined when it answered, else why not. */
async function databaseProblem(url: string, ms: number): Promise<string | undefined> {
  const { connectionString } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: ms, query_timeout: ms });
  const attempt = (async () => {
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return errorText(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return within(ms + 500, attempt, () => `no answer within ${ms} ms`);
}

export async function checkDatabase(url: string | undefined, timeouts: ServiceTimeouts): Promise<CheckResult> {
  if (!url) return skip('database', 'DATABASE_URL is not set: the generated client and infragen use an embedded PGlite database');
  const { connectionString, schemaName } = parseDatabaseUrl(url);
  const where = `${new URL(connectionString).host} (schema ${schemaName})`;
  const problem = await databaseProblem(url, timeouts.connectMs);
  return problem === undefined
    ? ok('database', `DATABASE_URL reachable: ${where}`)
    : fail('database', `DATABASE_URL (${where}) is not reachable: ${problem}`, 'start the database (`docker compose up -d`) or fix DATABASE_URL');
}

function historyResult(history: MigrationHistory, total: number): CheckResult {
  const drift = [
    ...history.edited.map((name) => `edited after it was applied: ${name}`),
    ...history.missing.map((name) => `applied but missing from the folder: ${name}`),
    ...history.failed.map((name) => `failed part-way: ${name}`),
  ];
  if (drift.length > 0) return fail('migrations', 'the database has drifted from the migrations folder', 'restore the migrations as applied (version control), or resolve the failed one with `prisma migrate resolve`', drift);
  if (history.unapplied.length > 0) {
    return fail('migrations', `${history.unapplied.length} of ${total} migrations pending`, 'run `npx infragen migrate deploy`', history.unapplied.map((name) => `pending: ${name}`));
  }
  return ok('migrations', `all ${total} migrations applied`);
}

export async function checkMigrations(context: ProjectContext, url: string | undefined, databaseOk: boolean, timeouts: ServiceTimeouts): Promise<CheckResult> {
  if (!url) return skip('migrations', 'DATABASE_URL is not set: the embedded database applies the migrations itself when it opens');
  if (!databaseOk) return skip('migrations', 'the database is not reachable');
  const schema = readSchema(context);
  if (schema === undefined) return skip('migrations', `no ${context.options.paths.schema} yet`);
  const folder = readMigrationsFolder(context.root, context.options.paths.migrations);
  const read = (async () => {
    const session = await openSchemaEngine({ databaseUrl: url, schemaPath: context.options.paths.schema, schema });
    try {
      return historyResult(await session.diagnoseMigrationHistory(folder), folder.migrations.length);
    } finally {
      await session.close();
    }
  })().catch((error: unknown) => fail('migrations', `cannot read the migration history: ${errorText(error)}`, 'check DATABASE_URL and the migrations folder'));
  return within(timeouts.historyMs, read, () => fail('migrations', `reading the migration history took more than ${timeouts.historyMs} ms`, 'check the database'));
}

/** The host:port pairs a broker variable names: `amqp://u:p@host:5672/vhost`, `nats://a:4222,nats://b:4222`, `k1:9092,k2:9092`. */
export function brokerAddresses(broker: Broker, value: string): { host: string; port: number }[] {
  const defaults: Record<Broker, number> = { rabbitmq: 5672, nats: 4222, kafka: 9092 };
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const url = new URL(entry.includes('://') ? entry : `tcp://${entry}`);
      const port = url.port ? Number(url.port) : url.protocol === 'amqps:' ? 5671 : defaults[broker];
      return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
    });
}

function tcpProblem(host: string, port: number, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(ms, () => done(`no answer within ${ms} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(errorText(error)));
  });
}

/** The brokers whose adapters are generated in the project (plus the configured one). */
export function configuredBrokers(context: ProjectContext, exists: (file: string) => boolean): Broker[] {
  return brokers.filter((broker) => broker === context.options.broker || exists(`${context.options.paths.messaging}/${broker}/index.ts`));
}

export async function checkBroker(broker: Broker, env: NodeJS.ProcessEnv, timeouts: ServiceTimeouts): Promise<CheckResult> {
  const { label, urlVariable } = brokerInfo[broker];
  const name = `broker ${broker}`;
  const value = env[urlVariable];
  if (!value) return skip(name, `${urlVariable} is not set: the project uses the in-memory broker instead of ${label}`);
  let addresses: { host: string; port: number }[];
  try {
    addresses = brokerAddresses(broker, value);
  } catch (error) {
    return fail(name, `${urlVariable} cannot be read: ${errorText(error)}`, `set ${urlVariable} to the broker's address`);
  }
  const problems = await Promise.all(addresses.map(async ({ host, port }) => ({ at: `${host}:${port}`, problem: await tcpProblem(host, port, timeouts.connectMs) })));
  const down = problems.filter((entry) => entry.problem !== undefined);
  const at = problems.map((entry) => entry.at).join(', ');
  return down.length === 0
    ? ok(name, `${label} accepts connections at ${at} (${urlVariable})`)
    : fail(name, `${label} is not reachable at ${down.map((entry) => `${entry.at}: ${entry.problem}`).join('; ')}`, `start it (\`docker compose up -d\`) or fix ${urlVariable}`);
}
