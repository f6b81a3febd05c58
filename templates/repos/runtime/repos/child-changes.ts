// How the generated repositories save an aggregate's owned children in a few statements: the stored rows are
// compared with the aggregate's, and only the difference is written (one delete, one insert, one update of the changed children).

// The aggregate objects a repository loaded or saved: only their stored children are worth reading and comparing.
// Another object (a new aggregate) gets its children written in one batch, replacing any stored for its key.
const stored = new WeakSet<object>();

/** Remembers that `aggregate` was loaded or saved by a repository, and returns it (for `rows.map`). */
export function markStored<T extends object>(aggregate: T): T {
  stored.add(aggregate);
  return aggregate;
}

/** Whether a repository loaded or saved `aggregate`. */
export function isStored(aggregate: object): boolean {
  return stored.has(aggregate);
}

export interface ChildChanges<Child, Key extends keyof Child> {
  /** Keys of stored children the aggregate no longer holds. */
  removed: Child[Key][];
  /** Children with no stored row. */
  added: Child[];
  /** Children whose stored row holds other values. */
  changed: Child[];
}

/**
 * What to write so that the stored children become `children`, matched by their `key` column. With `position` (the
 * column keeping the list's order), each child keeps its stored position while those still increase along the
 * list, and takes the one after its predecessor's otherwise: removing or appending children rewrites no other row,
 * and the rows still come back in the list's order.
 */
export function childChanges<Child extends object, Key extends keyof Child>(
  stored: readonly Partial<Record<Key, unknown>>[],
  children: readonly Child[],
  key: Key,
  position?: keyof Child & string,
): ChildChanges<Child, Key> {
  const storedByKey = new Map<unknown, Partial<Record<Key, unknown>>>(stored.map((row) => [row[key], row]));
  const kept = new Set<unknown>();
  const added: Child[] = [];
  const changed: Child[] = [];
  let previous = -1;
  for (const listed of children) {
    const row = storedByKey.get(listed[key]);
    const child = position === undefined ? listed : placed(listed, position, row, previous);
    if (position !== undefined) previous = child[position] as number;
    kept.add(child[key]);
    if (!row) added.push(child);
    else if (!sameColumns(row, child)) changed.push(child);
  }
  const removed = stored.filter((row) => !kept.has(row[key])).map((row) => row[key] as Child[Key]);
  return { removed, added, changed };
}

/** `child` at its stored position when that still comes after `previous`, else right after `previous`. */
function placed<Child extends object>(child: Child, position: keyof Child & string, row: object | undefined, previous: number): Child {
  const stored = row === undefined ? undefined : (row as Record<string, unknown>)[position];
  const at = typeof stored === 'number' && Number.isInteger(stored) && stored > previous ? stored : previous + 1;
  return at === child[position] ? child : { ...child, [position]: at };
}

/** Whether a stored row already holds every value `record` writes. Unsure means no: the row is then updated, which is always correct. */
export function sameColumns(row: object, record: object): boolean {
  const stored = row as Record<string, unknown>;
  return Object.entries(record).every(([column, value]) => value === undefined || sameValue(stored[column], value));
}

function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === wanted) return true;
  // Prisma reads a Json column's JSON null back as null (as it does SQL NULL): what the mapper wrote as JsonNull.
  if (stored === null && prismaNullType(wanted) === 'JsonNull') return true;
  if (stored === null || wanted === null || stored === undefined) return false;
  if (stored instanceof Date) return wanted instanceof Date && stored.getTime() === wanted.getTime();
  if (isDecimal(stored)) return sameDecimal(stored, wanted);
  const left = canonical(stored);
  return left !== undefined && left === canonical(wanted);
}

/** `JsonNull`, `DbNull` or `AnyNull` for Prisma's null markers (instances of its ObjectEnumValue, which has `_getName`). */
export function prismaNullType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { _getName?: unknown })._getName;
  return typeof name === 'function' ? String(name.call(value)) : undefined;
}

interface DecimalLike {
  equals(value: string | number): boolean;
  toFixed(): string;
}

function isDecimal(value: unknown): value is DecimalLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as DecimalLike).equals === 'function' && typeof (value as DecimalLike).toFixed === 'function'
  );
}

function sameDecimal(stored: DecimalLike, wanted: unknown): boolean {
  if (typeof wanted !== 'number' && typeof wanted !== 'string' && !isDecimal(wanted)) return false;
  try {
    return stored.equals(isDecimal(wanted) ? wanted.toFixed() : wanted);
  } catch {
    return false;
  }
}

/**
 * A JSON value's text with object keys sorted (PostgreSQL's jsonb does not keep their order); undefined for
 * anything else (Prisma's JsonNull, class instances), which then never counts as unchanged.
 */
function canonical(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    const items = value.map((item) => (item === undefined ? 'null' : canonical(item)));
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, item]) => {
      const text = canonical(item);
      return text === undefined ? undefined : `${JSON.stringify(name)}:${text}`;
    });
  return entries.includes(undefined) ? undefined : `{${entries.join(',')}}`;
}
