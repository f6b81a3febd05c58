// The plain model of a user's domain layer, as read by `src/inspect`.
// Nothing here may refer to ts-morph: generators receive only this data.
import type { TypeModel } from './types.js';

/** A place in a user's source file. `file` is relative to the project root, with `/` separators. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Where a declaration lives and under which name it is exported, so generated code can import it. */
export interface SourceRef extends SourceLocation {
  exportName: string;
}

export type Primitive = 'string' | 'number' | 'boolean' | 'Date' | 'bigint' | 'json';

/** The domain-level type of a field, before any persistence decision. */
export type FieldType =
  | { kind: 'primitive'; primitive: Primitive; list: boolean }
  | { kind: 'enum'; name: string; list: boolean }
  | { kind: 'valueObject'; name: string; list: boolean }
  /**
   * Another entity held directly (`customer: Customer`, `lines: OrderLine[]`), or through a collection class that
   * holds the list (`comments: Comments` where `Comments extends WatchedList<Comment>`).
   */
  | { kind: 'entity'; name: string; list: boolean; collection?: CollectionModel }
  /** An identity value object of another entity (`customerId: CustomerId`). */
  | { kind: 'identity'; valueObject: string; entity: string; list: boolean };

/** Refinements read from JSDoc tags on the field, its getter or its constructor parameter. */
export interface FieldTags {
  id?: boolean;
  unique?: boolean;
  index?: boolean;
  /** The raw argument of `@default(...)`, e.g. `now()`, `uuid()`, `"draft"`, `0`. */
  default?: string;
  /** The raw argument of `@map(...)`: the column name. */
  map?: string;
  float?: boolean;
  decimal?: boolean;
  /** A native type without the `@db.` prefix, e.g. `VarChar(255)`. */
  db?: string;
  ignore?: boolean;
  json?: boolean;
  /** `@version`: the aggregate's version for optimistic concurrency (a number the repository checks and advances). */
  version?: boolean;
}

/** A class that holds a list of entities (`Comments extends WatchedList<Comment>`), stored as a one-to-many. */
export interface CollectionModel {
  name: string;
  source: SourceRef;
  /** How the list is read from the collection: `currentItems`, `getItems()`. */
  items: FieldAccessor;
  /** How the collection is built from the list: its one parameter is the field `items`. */
  construction: ConstructionModel;
}

/** How generated code reads a field's value from a domain object. */
export type FieldAccessor =
  /** A public property or getter of this name. */
  | { kind: 'property'; name: string }
  /** A public method taking no argument (`toValue()`, `toString()`, `getStatus()`, `isActive()`): state kept private behind an accessor method. */
  | { kind: 'method'; name: string }
  /** A member of what a public method returns, props-style (`getProps().email`). */
  | { kind: 'via'; method: string; name: string }
  /** Not publicly readable (e.g. only in protected `props`); mappers must find another way. */
  | { kind: 'none' };

/** The member access that reads a value (`value`, `toValue()`), or undefined when the domain gives none. */
export function accessExpression(accessor: FieldAccessor): string | undefined {
  if (accessor.kind === 'none') return undefined;
  return accessorPath(accessor);
}

export interface FieldModel {
  name: string;
  type: FieldType;
  /** `?`, `| null` or `| undefined`. */
  optional: boolean;
  /** True when the type admits `null` (as opposed to only `undefined`). */
  nullable: boolean;
  tags: FieldTags;
  accessor: FieldAccessor;
  /** The type as written in the source, read: its text for messages and casts, its shape for value choices. */
  declaredType: TypeModel;
  /** For fields stored as Json: the domain types its declared type names, for the mapper's cast back to it. */
  typeReferences?: TypeReference[];
  /** For a Json field of an object type written in the domain (an interface, `{ … }`): its members, read as fields. */
  jsonFields?: FieldModel[];
  location: SourceLocation;
}

/** `status`, or `getStatus()`: the member text that reads a value through an accessor. */
export function accessorPath(accessor: Exclude<FieldAccessor, { kind: 'none' }>): string {
  if (accessor.kind === 'via') return `${accessor.method}().${accessor.name}`;
  return accessor.kind === 'method' ? `${accessor.name}()` : accessor.name;
}

/** One argument of the call that rebuilds a domain object. */
export type ConstructionParameter =
  /** The argument is one field's value; `raw` when the parameter takes the value object's primitive (`fromPrimitives`). */
  | { kind: 'field'; field: string; optional: boolean; raw?: boolean }
  /** The argument is an object literal holding these fields (a `Props` object); `raw` lists those passed as primitives. */
  | { kind: 'props'; fields: string[]; typeName?: string; raw?: string[] };

/** A member of a factory's result wrapper: `isFailure`, `isErr()`, `getValue()`. */
export interface WrapperMember {
  name: string;
  call: boolean;
}

/**
 * How to take the built object out of what a factory returns (`Result<T>`, `Either<E, T>`, `{ ok, value }`): the
 * test that tells a failure (negated for `isSuccess`/`ok`), the member holding the object, and the failure's detail.
 */
export interface ResultUnwrap {
  wrapper: string;
  failed: WrapperMember & { negate: boolean };
  value: WrapperMember;
  error?: WrapperMember;
}

/** How a mapper rebuilds a domain object from stored values. */
export type ConstructionModel =
  | { kind: 'static-factory'; method: string; parameters: ConstructionParameter[]; result?: ResultUnwrap }
  | { kind: 'constructor'; parameters: ConstructionParameter[] }
  /** Interfaces and type aliases: a plain object literal. */
  | { kind: 'object-literal' }
  /** No public way to rebuild the class from its fields: generated code refuses it with this reason and hint. */
  | { kind: 'unavailable'; reason: string; hint: string };

export type EntityStyle = 'public-fields' | 'constructor-properties' | 'getters' | 'props-base' | 'interface' | 'type-alias';

export interface EntityModel {
  name: string;
  style: EntityStyle;
  source: SourceRef;
  /** Extends an `AggregateRoot`-like base, or owns a repository port. */
  isAggregateRoot: boolean;
  /** From `@table(...)` on the class; otherwise the naming convention decides. */
  table?: string;
  /** `@versioned` on the class: saves are checked against the version the aggregate was loaded with. */
  versioned?: boolean;
  fields: FieldModel[];
  construction: ConstructionModel;
  /** How an aggregate exposes the domain events it recorded and not yet saved; absent when it exposes none. */
  events?: PendingEventsModel;
}

/**
 * An aggregate's pending domain events as its public members expose them: read through `domainEvents` (a
 * property or getter) or `getUncommittedEvents()` (a method taking nothing), then forgotten through `clear`
 * (`clearEvents()`, `markEventsAsCommitted()`); or `pullDomainEvents()`, which returns them and forgets them at once
 * (no `clear`).
 */
export interface PendingEventsModel {
  read: { kind: 'property'; name: string } | { kind: 'method'; name: string };
  clear?: string;
  /**
   * With a reader that clears (`pullDomainEvents()`): the method that records one event (`record(event)`, often
   * protected), through which a failed save puts the pulled events back.
   */
  restore?: string;
}

export type ValueObjectShape =
  /** Wraps one primitive (`value` / `props.value`): stored as that primitive's column. */
  | { kind: 'single'; primitive: Primitive; accessor: FieldAccessor }
  /** Several fields: stored as prefixed columns, or as Json when asked. */
  | { kind: 'composite'; fields: FieldModel[] };

export interface ValueObjectModel {
  name: string;
  source: SourceRef;
  shape: ValueObjectShape;
  construction: ConstructionModel;
  /** For identity value objects (`UserId`): the entity it identifies. */
  identifies?: string;
  /** Length bounds the class declares as static numbers (`static maxLength = 15`), which seeds respect. */
  lengths?: { min?: number; max?: number };
}

export interface EnumMember {
  /** A valid identifier used as the Prisma enum member. */
  name: string;
  /** The value the domain uses at run time (a TS enum's string value, or the literal). */
  value: string;
}

export interface EnumModel {
  name: string;
  /** `ts-enum`: declared with `enum`; `literal-union`: a named union type; `inline-union`: a union written on a field. */
  kind: 'ts-enum' | 'literal-union' | 'inline-union';
  /** Absent for inline unions, which have nothing to import. */
  source?: SourceRef;
  location: SourceLocation;
  members: EnumMember[];
}

export interface ParameterModel {
  name: string;
  type: TypeModel;
  /** `?` or a default value. */
  optional: boolean;
}

export interface MethodSignatureModel {
  name: string;
  parameters: ParameterModel[];
  returnType: TypeModel;
  location: SourceLocation;
}

/** A type name used in a port's signatures and where to import it from. */
export interface TypeReference {
  name: string;
  /** Project-relative file declaring it; absent for globals and library types. */
  file?: string;
  /** For a type declared outside the domain files: the bare specifier the port imports it from (a package or a path alias). */
  module?: string;
}

/** A repository port of the domain (`UserRepository`, `IUserRepository`, `UserRepositoryPort`). */
export interface RepositoryPortModel {
  name: string;
  source: SourceRef;
  entity: string;
  /** Its abstract methods (an abstract class) or all its methods (an interface). */
  methods: MethodSignatureModel[];
  typeReferences: TypeReference[];
  /**
   * `abstract-class`: an abstract class (a NestJS-style injection token), which the repository extends; its
   * concrete methods are inherited, not generated. Absent for an interface.
   */
  declaredAs?: 'abstract-class';
  /** Methods an abstract-class port already implements: the repository neither overrides nor duplicates them. */
  implementedMethods?: string[];
  /** An abstract-class port whose constructor wants arguments and that has non-public members: it can be neither extended nor implemented. */
  needsConstructorArguments?: boolean;
}

export interface DomainEventModel {
  name: string;
  source: SourceRef;
  /** The event's type name on the wire, e.g. `order.placed`. */
  eventType: string;
  /** The aggregate it belongs to, when it can be told. */
  aggregate?: string;
  fields: FieldModel[];
  construction: ConstructionModel;
}

/** A port through which the domain publishes events (`EventBus`, `DomainEventPublisher`). */
export interface EventPublisherPortModel {
  name: string;
  source: SourceRef;
  methods: MethodSignatureModel[];
  typeReferences: TypeReference[];
}

/** A declaration that looked like an entity but is not persisted (a command, a DTO, an entity no aggregate reaches). */
export interface NotPersistedModel {
  name: string;
  location: SourceLocation;
  reason: string;
}

export interface DomainModel {
  entities: EntityModel[];
  valueObjects: ValueObjectModel[];
  enums: EnumModel[];
  repositoryPorts: RepositoryPortModel[];
  events: DomainEventModel[];
  eventPublisherPorts: EventPublisherPortModel[];
  /** What was seen and not persisted, with the reason; absent in models built by hand. */
  notPersisted?: NotPersistedModel[];
}
