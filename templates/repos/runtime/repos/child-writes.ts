// How the generated repositories write what Prisma Client cannot write in one statement: every changed child of
// an aggregate in a single UPDATE (Prisma would need one per child), and the error a save gets when a child it
// adds is still stored under another aggregate.
import { prismaNullType } from './child-changes.js';

/** An owned child's table as the raw UPDATE names it: database names (`@map`, `@@map`), not Prisma's. */
export interface ChildTable {
  /** The table's name in the database. */
  table: string;
  /** Each Prisma field a record of the child holds, and its database column. */
  columns: Readonly<Record<string, string>>;
  /** The Prisma fields of the child's key and of its owner's key: a row is updated only where both match. */
  key: string;
  owner: string;
  /** Prisma fields of (single) Json columns: their values travel as JSON text, so that a JSON null stays apart from SQL NULL. */
  json?: readonly string[];
  /** Prisma fields of time-of-day columns (`@db.Time`, `@db.Timetz`): their Dates travel as `HH:MM:SS.mmmZ`, which those types read. */
  times?: readonly string[];
  /** Prisma fields of enum columns whose members are stored under other names (`@map`): member name → stored value. */
  enums?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The part of a Prisma client (or transaction client) the update runs through. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/**
 * The PostgreSQL schema of `DATABASE_URL`'s `?schema=`, where the generated database client connects: raw SQL does
 * not get the adapter's schema (only the connection's search_path), so the repositories qualify their tables with it.
 */
export function databaseSchemaFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env['DATABASE_URL'];
  if (!url) return undefined;
  try {
    return new URL(url).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined;
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Writes every record of `rows` (as a mapper's record function returns them) over the stored row of the same key
 * and owner, in one statement; returns how many rows it updated. The rows travel as one bound jsonb parameter, and
 * each value is read back through the column's own type (`jsonb_populate_record` over the table's row type), so that
 * enums, decimals, dates, arrays and nullable columns get the type of the column they are written to. A field a
 * record leaves undefined keeps its stored value, as with Prisma.
 */
export async function updateChildRows(db: RawExecutor, schema: string | undefined, table: ChildTable, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRawUnsafe(childUpdateStatement(schema, table), childUpdateParameter(table, rows));
}

/** The UPDATE of `updateChildRows`: identifiers come from the schema, quoted; its only value is the parameter $1. */
export function childUpdateStatement(schema: string | undefined, table: ChildTable): string {
  const target = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(table.table)}` : quoteIdentifier(table.table);
  const json = new Set(table.json ?? []);
  const assignments = Object.entries(table.columns)
    .filter(([field]) => field !== table.key && field !== table.owner)
    .map(([field, column]) => {
      const name = quoteIdentifier(column);
      const given = `e.r -> ${quoteLiteral(column)}`;
      const value = json.has(field) ? `(e.r ->> ${quoteLiteral(column)})::jsonb` : `v.${name}`;
      return `${name} = CASE WHEN ${given} IS NULL THEN t.${name} ELSE ${value} END`;
    });
  const key = quoteIdentifier(column(table, table.key));
  const owner = quoteIdentifier(column(table, table.owner));
  return (
    `UPDATE ${target} AS t SET ${assignments.join(', ')} ` +
    `FROM jsonb_array_elements($1::jsonb) AS e(r), jsonb_populate_record(NULL::${target}, e.r) AS v ` +
    `WHERE t.${key} = v.${key} AND t.${owner} = v.${owner}`
  );
}

/** The rows of `updateChildRows` as one JSON array, keyed by column. */
export function childUpdateParameter(table: ChildTable, rows: readonly object[]): string {
  const json = new Set(table.json ?? []);
  const times = new Set(table.times ?? []);
  return JSON.stringify(
    rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(row)) {
        const name = table.columns[field];
        if (name === undefined || value === undefined) continue;
        const members = table.enums?.[field];
        if (json.has(field)) values[name] = jsonText(value);
        else if (times.has(field)) values[name] = timeOfDay(value);
        else values[name] = columnValue(members ? storedEnum(value, members) : value);
      }
      return values;
    }),
  );
}

function column(table: ChildTable, field: string): string {
  const name = table.columns[field];
  if (name === undefined) throw new Error(`${table.table}: no column for the field ${field}`);
  return name;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function storedEnum(value: unknown, members: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((item) => storedEnum(item, members));
  return typeof value === 'string' ? (members[value] ?? value) : value;
}

function timeOfDay(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeOfDay);
  return value instanceof Date ? value.toISOString().slice(11) : value;
}

/** A column value as JSON that the column's type reads back: bigints and non-finite numbers as text (JSON has neither). */
function columnValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(columnValue);
  return value;
}

/**
 * A Json column's value as the text of its JSON: Prisma's JsonNull is the JSON `null`, its DbNull (and a plain null)
 * SQL NULL.
 */
function jsonText(value: unknown): string | null {
  if (value === null) return null;
  const nullType = prismaNullType(value);
  if (nullType !== undefined) return nullType === 'JsonNull' ? 'null' : null;
  return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
}

/**
 * A save added a child whose key is stored under another aggregate: a child belongs to one aggregate at a time,
 * and a save writes its own aggregate only. To move a child, save the aggregate that gave it up first (its save
 * deletes the row), then the one that took it, e.g. in that order in one `saveAll` or transaction. Nothing was written.
 */
export class ChildOfAnotherAggregateError extends Error {
  override readonly name = 'ChildOfAnotherAggregateError';
  readonly aggregateType: string;
  /** The aggregate whose save failed. */
  readonly aggregateId: string;
  readonly childType: string;
  readonly childId: string;
  /** The aggregate the child is stored under. */
  readonly holderId: string;
  constructor(aggregateType: string, aggregateId: string, childType: string, childId: string, holderId: string) {
    super(
      `${aggregateType} ${aggregateId} holds ${childType} ${childId}, which is stored under ${aggregateType} ${holderId}: ` +
        `save ${aggregateType} ${holderId} without it first (a child belongs to one aggregate at a time)`,
    );
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.childType = childType;
    this.childId = childId;
    this.holderId = holderId;
  }
}
