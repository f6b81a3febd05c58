// Decides what each repository method does: a conventional method (save, find by id, pages, delete,
// exists, count), a finder derived from its name, or an explicit "not implemented".
import { accessorPath, type EntityModel, type MethodSignatureModel, type ParameterModel } from '../../model/domain.js';
import { isPlain } from '../../model/types.js';
import type { ColumnField, StoredModel } from '../../model/persistence/index.js';
import { deriveQuery, type DerivedQuery } from './derived-query.js';
import type { DomainLookup } from './domain-lookup.js';
import { orderByCode, whereCode, type QueryProperty } from './query-code.js';

interface MethodBase {
  name: string;
  /** `findById(id: OrderId): Promise<Order | null>` as declared, without `async`. */
  signature: string;
  /** For queries: what the name asks for, and the parameters it binds (read by the test planner). */
  query?: DerivedQuery;
  parameters?: ParameterModel[];
}

export type MethodView = MethodBase &
  (
    | { kind: 'find-one'; where: string; orderBy?: string; empty: 'null' | 'undefined'; finder: 'findUnique' | 'findFirst' }
    | { kind: 'find-many'; where?: string; orderBy?: string; take?: number }
    | { kind: 'count'; where?: string }
    | { kind: 'exists'; where: string }
    | { kind: 'delete'; where: string; returnsCount: boolean }
    | { kind: 'save'; parameter: string; many: boolean }
    | { kind: 'find-page'; parameter: string }
    | { kind: 'not-implemented'; reason: string }
  );

/** Properties a method name may use: domain fields stored in one column, and embedded value-object columns. */
export function queryProperties(entity: EntityModel, model: StoredModel, lookup: DomainLookup): Map<string, QueryProperty> {
  const properties = new Map<string, QueryProperty>();
  for (const column of model.fields) {
    if (column.kind !== 'column' || column.origin.kind === 'ownerKey' || column.origin.kind === 'json') continue;
    const property = column.origin.path.part ? column.name : column.origin.path.field;
    properties.set(property, { column, ...valueAccess(column, lookup) });
  }
  if (!entity.fields.some((field) => field.name === 'id')) properties.delete('id');
  return properties;
}

function valueAccess(column: ColumnField, lookup: DomainLookup): Partial<QueryProperty> {
  if (column.origin.kind !== 'valueObject') return {};
  const shape = lookup.valueObject(column.origin.valueObject)?.shape;
  return shape?.kind === 'single' && shape.accessor.kind !== 'none' ? { valueAccessor: accessorPath(shape.accessor), valueObject: column.origin.valueObject } : {};
}

export function signatureOf(method: MethodSignatureModel): string {
  const parameters = method.parameters.map((parameter: ParameterModel) => `${parameter.name}${parameter.optional ? '?' : ''}: ${parameter.type.text}`);
  return `${method.name}(${parameters.join(', ')}): ${method.returnType.text}`;
}

const saveNames = /^(save|persist|store|upsert|add|insert|update|create|put)(All|Many)?$/;

/** What a port method does, given its name and signature. */
export function planMethod(method: MethodSignatureModel, entity: EntityModel, properties: ReadonlyMap<string, QueryProperty>): MethodView {
  const base = { name: method.name, signature: signatureOf(method) };
  const returns = method.returnType;
  // The reason is printed in a `//` comment: one line, whatever type text it quotes.
  const notImplemented = (reason: string): MethodView => ({ ...base, kind: 'not-implemented', reason: reason.replace(/\s+/g, ' ') });
  if (!returns.async) return notImplemented('it does not return a Promise, and every database call is asynchronous');
  const [first] = method.parameters;
  // One entity or a list of them, as `save(order)` and `saveAll(orders)` take.
  const entityType = (parameter?: ParameterModel) => {
    const type = parameter?.type;
    return type !== undefined && type.target.kind === 'entity' && type.target.name === entity.name && !type.async && !type.nullable && !type.undefinable;
  };
  if (saveNames.test(method.name) && method.parameters.length === 1 && entityType(first)) {
    return { ...base, kind: 'save', parameter: first!.name, many: first!.type.list };
  }
  const byKey = byKeyMethod(method);
  const query = byKey ?? deriveQuery(method.name, new Set(properties.keys()));
  if (!query) return notImplemented(`infragen cannot derive a query from the name "${method.name}"`);
  const key = entity.fields.find((field) => field.tags.id) ?? entity.fields.find((field) => field.name === 'id');
  const keyOfEntity = byKey && entityType(first) && key?.accessor.kind !== undefined && key.accessor.kind !== 'none' ? [{ ...first!, name: `${first!.name}.${accessorPath(key.accessor)}`, type: key.declaredType }] : undefined;
  const where = whereCode(query, keyOfEntity ?? method.parameters, properties);
  if (!where) return notImplemented(`its parameters do not match the conditions its name asks for`);
  const orderBy = orderByCode(query, properties);
  const ordering = orderBy ? { orderBy } : {};
  const described = { ...base, query, parameters: keyOfEntity ?? method.parameters };
  const filtering = where === '{}' ? {} : { where };
  switch (query.action) {
    case 'find':
      if (returns.list) return { ...described, kind: 'find-many', ...filtering, ...ordering, ...(query.limit && query.limit > 1 ? { take: query.limit } : {}) };
      return { ...described, kind: 'find-one', where, ...ordering, empty: returns.undefinable && !returns.nullable ? 'undefined' : 'null', finder: isUniqueLookup(query, properties) ? 'findUnique' : 'findFirst' };
    case 'count':
      return { ...described, kind: 'count', ...filtering };
    case 'exists':
      return { ...described, kind: 'exists', where };
    case 'delete':
      return { ...described, kind: 'delete', where, returnsCount: returns.target.kind === 'primitive' && returns.target.primitive === 'number' && isPlain(returns) };
  }
}

/** `delete(id)`, `remove(order)`, `exists(id)`, `count()`, `findAll()`: conventional names without `By`. */
function byKeyMethod(method: MethodSignatureModel): ReturnType<typeof deriveQuery> {
  const idQuery = (action: 'delete' | 'exists' | 'find') => ({ action, where: [[{ property: 'id', operator: 'equals' as const, arity: 1 as const, ignoreCase: false }]], orderBy: [] });
  const arity = method.parameters.length;
  if (/^(delete|remove)$/.test(method.name) && arity === 1) return idQuery('delete');
  if (/^exists$/.test(method.name) && arity === 1) return idQuery('exists');
  if (/^(find|get)$/.test(method.name) && arity === 1) return idQuery('find');
  if (/^count$/.test(method.name) && arity === 0) return { action: 'count', where: [], orderBy: [] };
  if (/^(findAll|getAll|list|all)$/.test(method.name) && arity === 0) return { action: 'find', where: [], orderBy: [] };
  return undefined;
}

/** One equality on the key or a unique column: Prisma's `findUnique`, which uses the index by contract. */
function isUniqueLookup(query: NonNullable<ReturnType<typeof deriveQuery>>, properties: ReadonlyMap<string, QueryProperty>): boolean {
  const [group, ...others] = query.where;
  const [condition, ...more] = group ?? [];
  if (!condition || others.length > 0 || more.length > 0 || query.orderBy.length > 0) return false;
  const column = properties.get(condition.property)?.column;
  return condition.operator === 'equals' && !condition.ignoreCase && column !== undefined && (column.id || column.unique);
}
