import { parseArgs } from 'node:util';
import { deadEvents, outboxStats, purgeOutbox, requeueDeadEvents } from './outbox-admin.js';
import type { OutboxTables, SqlClient } from './sql-client.js';

export const outboxCommandUsage = `usage: outbox <command> [options]
  stats                                   pending and dead events, and the lag of the oldest pending one
  dead [--limit <n>]                      the dead events, oldest first (id, type, aggregate, attempts, last error)
  requeue (--all | --id <id>... | --type <EventType>)
                                          gives dead events a fresh set of attempts (--id and --type narrow each other)
  purge (--dead | --published) --older-than <age>
                                          deletes dead and/or published events older than <age> (30s, 15m, 12h, 7d),
                                          keeping each aggregate's last event
every command takes --json for machine-readable output`;

export interface OutboxCommandContext {
  database: SqlClient;
  tables: OutboxTables;
  /** Standard output and error, one line at a time. */
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `12h`, `7d`, `500ms` → milliseconds. */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new UsageError(`--older-than takes an age such as 30s, 15m, 12h or 7d; got "${text}"`);
  return Number(match[1]) * units[match[2]!]!;
}

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${name} takes a positive integer; got "${text}"`);
  return value;
}

const options = {
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  id: { type: 'string', multiple: true },
  type: { type: 'string' },
  limit: { type: 'string' },
  dead: { type: 'boolean' },
  published: { type: 'boolean' },
  'older-than': { type: 'string' },
} as const;

/**
 * The outbox's operations from the command line (`npm run outbox:<command> -- <options>`): returns the
 * process's exit code, 0 on success, 1 when the database fails, 2 on a usage error.
 */
export async function runOutboxCommand(args: readonly string[], context: OutboxCommandContext): Promise<number> {
  try {
    return await dispatch(args, context);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      context.err(error.message);
      context.err(outboxCommandUsage);
      return 2;
    }
    context.err(`outbox: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function dispatch(args: readonly string[], { database, tables, out }: OutboxCommandContext): Promise<number> {
  const { positionals, values } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const print = (json: unknown, text: string) => out(values.json ? JSON.stringify(json) : text);
  switch (command) {
    case 'stats': {
      const stats = await outboxStats(database, tables);
      print(stats, `pending ${stats.pending}, dead ${stats.dead}, lag ${Math.round(stats.lagMs)} ms`);
      return 0;
    }
    case 'dead': {
      const events = await deadEvents(database, tables, positiveInteger(values.limit, '--limit', 100));
      if (values.json) out(JSON.stringify(events));
      else {
        for (const event of events) {
          out(
            `${event.eventId}  ${event.eventType}  ${event.aggregateType} ${event.aggregateId} #${event.sequence}  ${event.attempts} attempts  ${event.lastError ?? ''}`,
          );
        }
        out(`${events.length} dead event${events.length === 1 ? '' : 's'}`);
      }
      return 0;
    }
    case 'requeue': {
      if (!values.all && values.id === undefined && values.type === undefined) throw new UsageError('requeue needs --all, --id <id> or --type <EventType>');
      if (values.all && (values.id !== undefined || values.type !== undefined)) throw new UsageError('requeue --all takes neither --id nor --type');
      const requeued = await requeueDeadEvents(database, tables, {
        ...(values.id !== undefined && { eventIds: values.id }),
        ...(values.type !== undefined && { eventType: values.type }),
      });
      print({ requeued }, `requeued ${requeued} dead event${requeued === 1 ? '' : 's'}`);
      return 0;
    }
    case 'purge': {
      if (!values.dead && !values.published) throw new UsageError('purge needs --dead, --published or both');
      if (values['older-than'] === undefined) throw new UsageError('purge needs --older-than <age>');
      const purged = await purgeOutbox(database, tables, {
        dead: values.dead === true,
        published: values.published === true,
        olderThanMs: parseAge(values['older-than']),
      });
      print(purged, `purged ${purged.dead} dead and ${purged.published} published events`);
      return 0;
    }
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
