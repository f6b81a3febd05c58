// Decides what each repository method does: a conventional method (save, find by id, pages, delete,
// exists, count), a finder derived from its name, one read from its signature (`search(id: CourseId):
// Promise<Course | null>` finds by key), or an explicit "not implemented".
import { accessExpression, type EntityModel, type FieldModel, type MethodSignatureModel, type ParameterModel } from '../../model/domain.js';
import { isPlain, valueObjectOf, type TypeModel } from '../../model/types.js';
import { tsString } from '../../render/literals.js';
import { singularName } from '../../model/names.js';
import type { ColumnField, StoredModel } from '../../model/persistence/index.js';
import { deriveQuery, type DerivedQuery } from './derived-query.js';
import type { DomainLookup } from './domain-lookup.js';
import { orderByCode, whereCode, type QueryHelper, type QueryProperty } from './query-code.js';

interface MethodBase {
  name: string;
  /** `findById(id: OrderId): Promise<Order | null>` as declared, without `async`. */
  signature: string;
  /** For queries: what the name asks for, and the parameters it binds (read by the test planner). */
  query?: DerivedQuery;
  parameters?: ParameterModel[];
  /** Runtime helpers its code calls (`enumMember`). */
  helpers?: QueryHelper[];
}

export type MethodView = MethodBase &
  (
    /** `notFound`: the port's finder returns the entity itself (`Promise<User>`), so a missing row throws this message (a TS string literal). */
    | { kind: 'find-one'; where: string; orderBy?: string; empty: 'null' | 'undefined'; notFound?: string; finder: 'findUnique' | 'findFirst' }
    | { kind: 'find-many'; where?: string; orderBy?: string; take?: number }
    | { kind: 'count'; where?: string }
    | { kind: 'exists'; where: string }
    /** `returnsCount`: `Promise<number>`, the rows deleted; `returnsDeleted`: `Promise<boolean>`, whether any was. */
    | { kind: 'delete'; where: string; returnsCount: boolean; returnsDeleted?: boolean }
    /** `many`: a batch (`saveAll(orders)`), saved item by item in one transaction; `returnsSaved`: the port returns what it was given. */
    | { kind: 'save'; parameter: string; many: boolean; returnsSaved?: boolean }
    | { kind: 'find-page'; parameter: string }
    /** `sync`: the port declares it without a Promise, so it is not `async` either (and cannot reach the database). */
    | { kind: 'not-implemented'; reason: string; sync: boolean }
  ) & {
    /** For a method conditioned on the key: whether it takes the key (`delete(id)`) or the whole entity (`remove(order)`). */
    keyArgument?: 'key' | 'entity';
  };

/** The aggregate's key as port methods see it: its field (`id`, or the `@id`-tagged `sku`) and its type. */
export interface KeyOf {
  property: string;
  field: FieldModel;
}

export function keyOf(entity: EntityModel): KeyOf | undefined {
  const field = entity.fields.find((candidate) => candidate.tags.id) ?? entity.fields.find((candidate) => candidate.name === 'id');
  return field ? { property: field.name, field } : undefined;
}

/** Properties a method name may use: domain fields stored in one column, and embedded value-object columns. */
export function queryProperties(entity: EntityModel, model: StoredModel, lookup: DomainLookup): Map<string, QueryProperty> {
  const properties = new Map<string, QueryProperty>();
  for (const column of model.fields) {
    if (column.kind !== 'column' || column.origin.kind === 'ownerKey' || column.origin.kind === 'version' || column.origin.kind === 'position' || column.origin.kind === 'json')
      continue;
    const property = column.origin.path.part ? column.name : column.origin.path.field;
    properties.set(property, { column, ...valueAccess(column, lookup), ...enumOf(column, lookup), ...entityKeyOf(column, lookup) });
  }
  if (!entity.fields.some((field) => field.name === 'id')) properties.delete('id');
  return properties;
}

/** `parameter` holds what `property` stores: its value object (`email: Email`), or its name and primitive (`sku: string`, `skus: string[]`). */
function holds(parameter: ParameterModel, name: string, property: QueryProperty): boolean {
  const valueObject = valueObjectOf(parameter.type);
  if (valueObject !== undefined) return valueObject === property.valueObject;
  if (parameter.name !== name && !(parameter.type.list && singularName(parameter.name) === name)) return false;
  const target = parameter.type.target;
  const stored = property.column.type;
  if (target.kind === 'enum') return typeof stored === 'object' && stored.enum === target.name;
  return target.kind === 'primitive' && (typeof stored === 'object' ? target.primitive === 'string' : columnPrimitives[stored] === target.primitive);
}

/** The parameter type a column of each scalar compares with. */
const columnPrimitives: Record<string, string> = { String: 'string', Int: 'number', Float: 'number', Decimal: 'number', Boolean: 'boolean', DateTime: 'Date', BigInt: 'bigint' };

/**
 * The one property a parameter is a value of, read from its type: the key's value object or the entity itself
 * means the key; another value object stored by exactly one column means that column; else a parameter named
 * like a property. Undefined when the signature does not tell.
 */
function propertyOfParameter(parameter: ParameterModel, entity: EntityModel, key: KeyOf | undefined, properties: ReadonlyMap<string, QueryProperty>): string | undefined {
  const type = parameter.type;
  if (type.target.kind === 'entity' && type.target.name === entity.name) return key?.property;
  if (type.target.kind === 'entity') {
    // Another aggregate (`findByPractitioner(practitioner: Practitioner)`): the one column holding its identity.
    const other = type.target.name;
    const holding = [...properties].filter(([, property]) => property.entityKey?.entity === other);
    return holding.length === 1 ? holding[0]![0] : undefined;
  }
  const valueObject = valueObjectOf(type);
  if (valueObject !== undefined && key && valueObjectOf(key.field.declaredType) === valueObject) return key.property;
  const matching = [...properties].filter(([name, property]) => holds(parameter, name, property));
  return matching.length === 1 ? matching[0]![0] : undefined;
}

/** A column storing another aggregate's identity (`practitionerId`), and how to read that key from one of its objects. */
function entityKeyOf(column: ColumnField, lookup: DomainLookup): Partial<QueryProperty> {
  if (column.origin.kind !== 'valueObject' || column.origin.path.part) return {};
  const valueObject = lookup.valueObject(column.origin.valueObject);
  const identified = valueObject?.identifies && lookup.domain.entities.find((candidate) => candidate.name === valueObject.identifies);
  const key = identified ? keyOf(identified) : undefined;
  if (!valueObject || !identified || !key || key.field.accessor.kind !== 'property' || valueObject.shape.kind !== 'single' || valueObject.shape.accessor.kind !== 'property') return {};
  if (valueObjectOf(key.field.declaredType) !== valueObject.name) return {};
  return { entityKey: { entity: identified.name, path: `${key.field.accessor.name}.${valueObject.shape.accessor.name}` } };
}

function enumOf(column: ColumnField, lookup: DomainLookup): Partial<QueryProperty> {
  const stored = typeof column.type === 'object' ? lookup.persistence.enums.find((candidate) => candidate.name === (column.type as { enum: string }).enum) : undefined;
  return stored ? { enum: { name: stored.name, members: stored.members.map((member) => ({ value: member.value, member: member.name })) } } : {};
}

function valueAccess(column: ColumnField, lookup: DomainLookup): Partial<QueryProperty> {
  if (column.origin.kind !== 'valueObject') return {};
  const shape = lookup.valueObject(column.origin.valueObject)?.shape;
  const accessor = shape?.kind === 'single' ? accessExpression(shape.accessor) : undefined;
  return accessor ? { valueAccessor: accessor, valueObject: column.origin.valueObject } : {};
}

export function signatureOf(method: MethodSignatureModel): string {
  const parameters = method.parameters.map((parameter: ParameterModel) => `${parameter.name}${parameter.optional ? '?' : ''}: ${parameter.type.text}`);
  return `${method.name}(${parameters.join(', ')}): ${method.returnType.text}`;
}

const saveNames = /^(save|persist|store|upsert|add|insert|update|create|put)(All|Many)?$/;

const isEntityOf = (entity: EntityModel) => (type: TypeModel | undefined) =>
  type !== undefined && type.target.kind === 'entity' && type.target.name === entity.name && !type.async && !type.nullable && !type.undefinable;

/** What a port method does, given its name and signature. */
export function planMethod(method: MethodSignatureModel, entity: EntityModel, properties: ReadonlyMap<string, QueryProperty>): MethodView {
  const base = { name: method.name, signature: signatureOf(method) };
  const returns = method.returnType;
  // The reason is printed in a `//` comment: one line, whatever type text it quotes.
  const notImplemented = (reason: string): MethodView => ({ ...base, kind: 'not-implemented', reason: reason.replace(/\s+/g, ' '), sync: !returns.async });
  if (!returns.async) return notImplemented('it does not return a Promise, and every database call is asynchronous: declare it as returning a Promise');
  const [first] = method.parameters;
  // One entity or a list of them, as `save(order)` and `saveAll(orders)` take.
  const entityType = (parameter?: ParameterModel) => isEntityOf(entity)(parameter?.type);
  if (saveNames.test(method.name) && method.parameters.length === 1 && entityType(first)) {
    // `save(user): Promise<User>` hands back what it saved; any other result cannot be told.
    const returnsSaved = returns.target.kind === 'entity' && returns.target.name === entity.name && returns.list === first!.type.list && !returns.nullable && !returns.undefinable;
    if (!returnsSaved && returns.target.kind !== 'void') return notImplemented(`a save returning ${returns.text} is not derived: it returns Promise<void> or what it saved`);
    return { ...base, kind: 'save', parameter: first!.name, many: first!.type.list, ...(returnsSaved ? { returnsSaved } : {}) };
  }
  const key = keyOf(entity);
  const query = byKeyMethod(method, entity, key, properties) ?? deriveQuery(method.name, new Set(properties.keys())) ?? bySignature(method, entity, key, properties);
  if (!query) return notImplemented(`infragen cannot derive a query from the name "${method.name}" or from its signature`);
  const takesEntity = method.parameters.length === 1 && entityType(first) && query.where.length === 1 && query.where[0]!.length === 1 && query.where[0]![0]!.property === key?.property;
  const keyAccess = key && accessExpression(key.field.accessor);
  if (takesEntity && !keyAccess) return notImplemented(`${entity.name}.${key!.field.name} cannot be read from a ${entity.name}`);
  const keyOfEntity = takesEntity ? [{ ...first!, name: `${first!.name}.${keyAccess}`, type: key!.field.declaredType }] : undefined;
  const helpers = new Set<QueryHelper>();
  const where = whereCode(query, keyOfEntity ?? method.parameters, properties, helpers);
  if (!where) return notImplemented(`its parameters do not match the conditions its name asks for`);
  const orderBy = orderByCode(query, properties);
  const ordering = orderBy ? { orderBy } : {};
  const onKey = query.where.length === 1 && query.where[0]!.length === 1 && query.where[0]![0]!.property === key?.property && query.where[0]![0]!.operator === 'equals';
  const described = { ...base, query, parameters: keyOfEntity ?? method.parameters, ...(helpers.size > 0 ? { helpers: [...helpers] } : {}), ...(onKey ? { keyArgument: takesEntity ? ('entity' as const) : ('key' as const) } : {}) };
  const filtering = where === '{}' ? {} : { where };
  switch (query.action) {
    case 'find':
      if (returns.list) return { ...described, kind: 'find-many', ...filtering, ...ordering, ...(query.limit && query.limit > 1 ? { take: query.limit } : {}) };
      if (returns.target.kind !== 'entity' || returns.target.name !== entity.name) return notImplemented(`a finder returning ${returns.text} is not derived: it returns ${entity.name}, ${entity.name} | null or ${entity.name} | undefined`);
      return {
        ...described,
        kind: 'find-one',
        where,
        ...ordering,
        empty: returns.undefinable && !returns.nullable ? 'undefined' : 'null',
        ...(!returns.nullable && !returns.undefinable ? { notFound: tsString(`${method.name}: no ${entity.name} matches`) } : {}),
        finder: isUniqueLookup(query, properties) ? 'findUnique' : 'findFirst',
      };
    case 'count':
      return { ...described, kind: 'count', ...filtering };
    case 'exists':
      return { ...described, kind: 'exists', where };
    case 'delete': {
      // `number | null` admits the count as well: only a list is not a result of a delete.
      const returnsPrimitive = (primitive: string) => returns.target.kind === 'primitive' && returns.target.primitive === primitive && !returns.list;
      if (returns.target.kind !== 'void' && !returnsPrimitive('number') && !returnsPrimitive('boolean')) {
        return notImplemented(`a delete returning ${returns.text} is not derived: it returns Promise<void>, the rows deleted (number) or whether any was (boolean)`);
      }
      return { ...described, kind: 'delete', where, returnsCount: returnsPrimitive('number'), ...(returnsPrimitive('boolean') ? { returnsDeleted: true } : {}) };
    }
  }
}

type Query = NonNullable<ReturnType<typeof deriveQuery>>;

/** One condition on `property`: equal to the parameter, or one of its values when it is a list (`findByIds(ids: UserId[])`). */
const equalsOn = (action: Query['action'], property: string, parameter?: ParameterModel): Query => ({
  action,
  where: [[{ property, operator: parameter?.type.list ? 'in' : 'equals', arity: 1, ignoreCase: false }]],
  orderBy: [],
});

/**
 * `delete(id)`, `remove(order)`, `exists(id)`, `exists(email: Email)`, `count()`, `findAll()`: conventional names
 * without `By`. The one parameter is the key unless its type says which property it is.
 */
function byKeyMethod(method: MethodSignatureModel, entity: EntityModel, key: KeyOf | undefined, properties: ReadonlyMap<string, QueryProperty>): Query | undefined {
  const arity = method.parameters.length;
  const on = (action: Query['action']) => {
    const property = propertyOfParameter(method.parameters[0]!, entity, key, properties) ?? key?.property;
    return property === undefined ? undefined : equalsOn(action, property, method.parameters[0]);
  };
  if (/^(delete|remove)$/.test(method.name) && arity === 1) return on('delete');
  if (/^exists$/.test(method.name) && arity === 1) return on('exists');
  if (/^(find|get|findById|getById|findOneById)$/.test(method.name) && arity === 1) return on('find');
  if (/^existsById$/.test(method.name) && arity === 1) return on('exists');
  if (/^(deleteById|removeById)$/.test(method.name) && arity === 1) return on('delete');
  if (/^count$/.test(method.name) && arity === 0) return { action: 'count', where: [], orderBy: [] };
  if (/^(findAll|getAll|list|all)$/.test(method.name) && arity === 0) return { action: 'find', where: [], orderBy: [] };
  return undefined;
}

/** Words that ask for no condition of their own: verbs of reading, `All`/`One`, and prepositions. */
const fillerWords = new Set(['find', 'get', 'search', 'query', 'list', 'read', 'fetch', 'load', 'retrieve', 'lookup', 'one', 'all', 'first', 'exists', 'has', 'count', 'total', 'by', 'of', 'for', 'with']);

/**
 * The name says nothing the signature does not: made of filler words and the entity's name (`appointmentsOf`), and
 * at most the parameter's name or its type's (`search`, `searchAll`, `ofEmail`, `forPractitioner`). `findUpcomingFor` says more
 * (`Upcoming`) than a signature can carry, so it is not read from its signature.
 */
function saysNothingMore(method: MethodSignatureModel, entity: EntityModel): boolean {
  const [parameter] = method.parameters;
  const target = parameter?.type.target;
  const typeName = target?.kind === 'entity' || target?.kind === 'valueObject' || target?.kind === 'enum' ? target.name : target?.kind === 'identity' ? target.valueObject : undefined;
  const named = new Set([parameter?.name, typeName].flatMap((name) => (name ? [name.toLowerCase()] : [])));
  const rest = (method.name.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [method.name]).map((word) => word.toLowerCase()).filter((word) => !fillerWords.has(word) && singularName(word) !== entity.name.toLowerCase());
  if (rest.length === 0) return true;
  const joined = rest.join('');
  return [...named].some((name) => name === joined || singularName(name) === joined || name === singularName(joined));
}

/**
 * A name that says nothing derivable (`search`, `searchAll`, `ofEmail`): the signature decides. No parameter and
 * a list of the entity lists all, a number counts; one parameter whose type names a property (the key's value
 * object, a value object one column stores, or a parameter named like a property) finds, tests or counts by it.
 */
function bySignature(method: MethodSignatureModel, entity: EntityModel, key: KeyOf | undefined, properties: ReadonlyMap<string, QueryProperty>): Query | undefined {
  if (!saysNothingMore(method, entity)) return undefined;
  const returns = method.returnType;
  const returnsEntity = returns.target.kind === 'entity' && returns.target.name === entity.name;
  const returnsPrimitive = (primitive: string) => returns.target.kind === 'primitive' && returns.target.primitive === primitive && isPlain(returns);
  const action: Query['action'] | undefined = returnsEntity ? 'find' : returnsPrimitive('boolean') ? 'exists' : returnsPrimitive('number') ? 'count' : undefined;
  if (!action) return undefined;
  if (method.parameters.length === 0) return action === 'count' || (action === 'find' && returns.list) ? { action, where: [], orderBy: [] } : undefined;
  if (method.parameters.length !== 1 || method.parameters[0]!.optional) return undefined;
  const property = propertyOfParameter(method.parameters[0]!, entity, key, properties);
  if (property === undefined || (isEntityOf(entity)(method.parameters[0]!.type) && action !== 'exists')) return undefined;
  return equalsOn(action, property, method.parameters[0]);
}

/** One equality on the key or a unique column: Prisma's `findUnique`, which uses the index by contract. */
function isUniqueLookup(query: Query, properties: ReadonlyMap<string, QueryProperty>): boolean {
  const [group, ...others] = query.where;
  const [condition, ...more] = group ?? [];
  if (!condition || others.length > 0 || more.length > 0 || query.orderBy.length > 0) return false;
  const column = properties.get(condition.property)?.column;
  return condition.operator === 'equals' && !condition.ignoreCase && column !== undefined && (column.id || column.unique);
}
