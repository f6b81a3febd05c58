// Optimistic concurrency for the generated repositories of versioned aggregates: the version each aggregate
// object was loaded with or last saved at, and the error a save gets when someone else wrote the aggregate since.

/** A save found the aggregate written (or deleted, or created) by someone else since this object was loaded: nothing was written. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** The version the save expected to replace; null when it expected to create the aggregate. */
  readonly expectedVersion: number | null;

  constructor(aggregateType: string, aggregateId: string, expectedVersion: number | null) {
    super(
      expectedVersion === null
        ? `${aggregateType} ${aggregateId} already exists: it was created by someone else; load it and apply the change again`
        : `${aggregateType} ${aggregateId} was changed by someone else since version ${expectedVersion} was loaded; load it again and retry`,
    );
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.expectedVersion = expectedVersion;
  }
}

// Per object, not per id: two loads of one aggregate are two objects, each saved against the version it was loaded at.
const versions = new WeakMap<object, number>();
// Objects whose version field the repository could not assign (a getter with no setter, a frozen object): for
// them the version remembered wins over the field's, which still shows the one they were loaded with.
const unassignable = new WeakSet<object>();

/** Remembers the version `aggregate` was loaded with or saved at, and returns it (for `rows.map`). */
export function trackVersion<T extends object>(aggregate: T, version: number): T {
  versions.set(aggregate, version);
  return aggregate;
}

/** The version a save of `aggregate` must find stored; undefined when no repository loaded or saved it (a new aggregate). */
export function trackedVersion(aggregate: object): number | undefined {
  return versions.get(aggregate);
}

/**
 * For an aggregate that holds its own version: the domain's value, so that a version carried from elsewhere
 * (a form, an `If-Match` header) is checked too; 0 on an object no repository loaded or saved means a new aggregate.
 */
export function expectedDomainVersion(aggregate: object, version: number): number | undefined {
  if (unassignable.has(aggregate)) return versions.get(aggregate);
  return version === 0 && !versions.has(aggregate) ? undefined : version;
}

/** After a committed save: the version to check next time, also written to the domain's own version field when it has one. */
export function savedVersion(aggregate: object, version: number, domainField?: string): void {
  versions.set(aggregate, version);
  if (domainField !== undefined && !Reflect.set(aggregate, domainField, version)) unassignable.add(aggregate);
}

/**
 * Prisma's unique-constraint error (P2002) on the primary key of `model`: the create of a key that exists. Another
 * unique column (an e-mail) or a child's key is not a conflict of versions, and is left as it is.
 */
export function isKeyViolation(error: unknown, model: string): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'P2002') return false;
  const meta = (error as { meta?: { modelName?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: unknown } } } } }).meta;
  if (meta?.modelName !== undefined && meta.modelName !== model) return false;
  const index = meta?.driverAdapterError?.cause?.constraint?.index;
  return typeof index !== 'string' || index.endsWith('_pkey');
}
