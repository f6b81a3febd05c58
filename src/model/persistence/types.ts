import type { SourceLocation, SourceRef } from '../domain.js';
import type { EntityNames } from '../names.js';

export type PrismaScalar = 'String' | 'Int' | 'Float' | 'Decimal' | 'Boolean' | 'DateTime' | 'BigInt' | 'Json';

/** Where a stored value comes from in the domain object: a field, or one part of a composite value object. */
export interface DomainPath {
  field: string;
  /** The value object's own field, for embedded columns (`shippingAddress` → `street`). */
  part?: string;
}

/** How a column's value relates to the domain field it stores. */
export type ColumnOrigin =
  /** The field's own primitive or enum value. */
  | { kind: 'value'; path: DomainPath }
  /** The primitive inside a single-value value object (`Email` → its `value`). */
  | { kind: 'valueObject'; path: DomainPath; valueObject: string }
  /** The whole field serialised as Json (composite value objects under `@json`, lists of value objects, `Record`s). */
  | { kind: 'json'; path: DomainPath; valueObject?: string }
  /** The id of another entity the domain holds as an object (`customer: Customer` → `customerId`). */
  | { kind: 'reference'; path: DomainPath; entity: string }
  /** A foreign key the domain does not hold: the id of the aggregate that owns this child. */
  | { kind: 'ownerKey'; owner: string; ownerField: string }
  /** The version of a `@versioned` aggregate that holds none itself: written by its repository only. */
  | { kind: 'version' }
  /** A child's place in its aggregate's list (0, 1, …), written on save and ordered by on load: the domain does not hold it. */
  | { kind: 'position'; owner: string; ownerField: string };

export interface ColumnField {
  kind: 'column';
  /** The Prisma field name. */
  name: string;
  /** The database column, when it differs from `name`. */
  column?: string;
  type: PrismaScalar | { enum: string };
  list: boolean;
  optional: boolean;
  id: boolean;
  unique: boolean;
  index: boolean;
  /** The raw Prisma default expression, e.g. `uuid()`, `now()`, `"draft"`. */
  default?: string;
  /** A native type without `@db.`, e.g. `VarChar(255)`. */
  nativeType?: string;
  origin: ColumnOrigin;
}

export type ReferentialAction = 'Cascade' | 'Restrict' | 'SetNull' | 'NoAction';

export interface RelationField {
  kind: 'relation';
  name: string;
  /** The related Prisma model. */
  model: string;
  list: boolean;
  optional: boolean;
  /** Needed when two relations join the same pair of models. */
  relationName?: string;
  /** On the side holding the foreign key. */
  foreignKey?: { fields: string[]; references: string[]; onDelete?: ReferentialAction };
  /**
   * What the domain holds: `identity` for `customerId: CustomerId` (the relation is a navigation only),
   * `entity` for `customer: Customer` / `lines: OrderLine[]`, `none` for back-references the domain lacks.
   */
  domain: { kind: 'identity' | 'entity'; field: string } | { kind: 'none' };
  /** For `entity` relations on an aggregate: the children are saved and deleted with it. */
  owned: boolean;
}

export type ModelField = ColumnField | RelationField;

export interface StoredEnum {
  name: string;
  /** The database type name, when it differs from `name`. */
  dbName?: string;
  members: { name: string; value: string }[];
  source?: SourceRef;
  location: SourceLocation;
}

export interface StoredModel {
  /** The entity's name; also the Prisma model's. */
  name: string;
  names: EntityNames;
  source: SourceRef;
  fields: ModelField[];
  /** Prisma field names of the primary key (one, or several for `@@id`). */
  primaryKey: string[];
  /** Extra `@@index` lists beyond single-field `@index` tags (foreign keys). */
  indexes: string[][];
  /** The aggregate this entity is a child of, when it is held only in that aggregate's list. */
  owner?: string;
  /** Optimistic concurrency: the Int column holding the aggregate's version, and the domain field it stores when the domain holds it. */
  version?: VersionColumn;
  /** Where each domain field (by its domain name) is declared: what a problem in the model's schema block points at. */
  fieldLocations?: Record<string, SourceLocation>;
}

export interface VersionColumn {
  /** The Prisma field name. */
  column: string;
  /** The domain's own version field (`@version`, or `version: number` on a versioned aggregate); absent when only the repository knows it. */
  field?: string;
}

/** How the domain is stored: what the schema generator prints and what repositories map to. */
export interface PersistenceModel {
  models: StoredModel[];
  enums: StoredEnum[];
}
