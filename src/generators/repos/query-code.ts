// Prints a derived query as the `where` and `orderBy` arguments of a Prisma Client call.
import type { ParameterModel } from '../../model/domain.js';
import { tsString } from '../../render/literals.js';
import { valueObjectOf } from '../../model/types.js';
import type { ColumnField } from '../../model/persistence/index.js';
import type { Condition, DerivedQuery } from './derived-query.js';

export interface QueryProperty {
  column: ColumnField;
  /** The accessor of the value object the column stores, when it stores one (`value`). */
  valueAccessor?: string;
  /** The name of that value object, to tell a value-object parameter from a primitive one. */
  valueObject?: string;
  /** For a column holding another aggregate's identity: that aggregate, and the path to the stored value from one of its objects (`id.value`). */
  entityKey?: { entity: string; path: string };
  /** For an enum column: the enum, and each domain value with the Prisma member storing it. */
  enum?: { name: string; members: { value: string; member: string }[] };
}

/** Runtime helpers a `where` calls, which the repository file must import. */
export type QueryHelper = 'enumMember';

/**
 * A parameter as the column's value: `customerId.value`, `ids.map((id) => id.value)`, a `string` checked
 * against an enum column's values (`enumMember(…)`), or as it is. Undefined when the parameter's type
 * cannot be compared with the column (a number against an enum).
 */
function argument(parameter: ParameterModel, property: QueryProperty, helpers: Set<QueryHelper>): string | undefined {
  const target = parameter.type.target;
  if (target.kind === 'entity') {
    if (property.entityKey?.entity !== target.name) return undefined;
    const path = property.entityKey.path;
    return parameter.type.list ? `${parameter.name}.map((item) => item.${path})` : `${parameter.name}.${path}`;
  }
  // A string, or a domain enum value stored under another member name (not an identifier), is looked up.
  const converted = property.enum?.members.some(({ value, member }) => value !== member) ?? false;
  if (property.enum && (target.kind !== 'enum' || converted)) {
    if (target.kind !== 'enum' && (target.kind !== 'primitive' || target.primitive !== 'string')) return undefined;
    helpers.add('enumMember');
    const members = `{ ${property.enum.members.map(({ value, member }) => `${tsString(value)}: ${tsString(member)}`).join(', ')} } as const`;
    const check = (value: string) => `enumMember(${members}, ${value}, ${tsString(property.enum!.name)})`;
    return parameter.type.list ? `${parameter.name}.map((item) => ${check('item')})` : check(parameter.name);
  }
  if (!property.valueAccessor || valueObjectOf(parameter.type) !== property.valueObject) return parameter.name;
  return parameter.type.list ? `${parameter.name}.map((item) => item.${property.valueAccessor})` : `${parameter.name}.${property.valueAccessor}`;
}

function filter(condition: Condition, args: string[]): string {
  const mode = condition.ignoreCase ? `, mode: 'insensitive'` : '';
  const [a, b] = args;
  switch (condition.operator) {
    case 'equals':
      return condition.ignoreCase ? `{ equals: ${a}${mode} }` : a!;
    case 'between':
      return `{ gte: ${a}, lte: ${b} }`;
    case 'isNull':
      return 'null';
    case 'isNotNull':
      return '{ not: null }';
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    default:
      return `{ ${condition.operator}: ${a}${mode} }`;
  }
}

const entry = (column: string, value: string): string => (column === value ? column : `${column}: ${value}`);

/** The `where` object, or undefined when the parameters do not fit the name. */
export function whereCode(
  query: DerivedQuery,
  parameters: readonly ParameterModel[],
  properties: ReadonlyMap<string, QueryProperty>,
  helpers = new Set<QueryHelper>(),
): string | undefined {
  let next = 0;
  const groups: string[] = [];
  for (const group of query.where) {
    const entries: [string, string][] = [];
    for (const condition of group) {
      const property = properties.get(condition.property);
      const taken = parameters.slice(next, next + condition.arity);
      if (!property || taken.length !== condition.arity) return undefined;
      next += condition.arity;
      const args = taken.map((parameter) => argument(parameter, property, helpers));
      if (args.some((arg) => arg === undefined)) return undefined;
      entries.push([property.column.name, filter(condition, args as string[])]);
    }
    const columns = entries.map(([column]) => column);
    const repeated = new Set(columns).size !== columns.length;
    groups.push(
      repeated
        ? `{ AND: [${entries.map(([column, value]) => `{ ${entry(column, value)} }`).join(', ')}] }`
        : `{ ${entries.map(([column, value]) => entry(column, value)).join(', ')} }`,
    );
  }
  if (next !== parameters.length) return undefined;
  if (groups.length === 0) return '{}';
  return groups.length === 1 ? groups[0] : `{ OR: [${groups.join(', ')}] }`;
}

export function orderByCode(query: DerivedQuery, properties: ReadonlyMap<string, QueryProperty>): string | undefined {
  if (query.orderBy.length === 0) return undefined;
  const terms = query.orderBy.map((term) => {
    const property = properties.get(term.property);
    return property ? `{ ${property.column.name}: '${term.direction}' }` : undefined;
  });
  return terms.every((term) => term !== undefined) ? `[${terms.join(', ')}]` : undefined;
}
