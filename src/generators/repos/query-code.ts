// Prints a derived query as the `where` and `orderBy` arguments of a Prisma Client call.
import type { ParameterModel } from '../../model/domain.js';
import { valueObjectOf } from '../../model/types.js';
import type { ColumnField } from '../../model/persistence/index.js';
import type { Condition, DerivedQuery } from './derived-query.js';

export interface QueryProperty {
  column: ColumnField;
  /** The accessor of the value object the column stores, when it stores one (`value`). */
  valueAccessor?: string;
  /** The name of that value object, to tell a value-object parameter from a primitive one. */
  valueObject?: string;
}

/** A parameter as the column's value: `customerId.value`, `ids.map((id) => id.value)`, or as it is. */
function argument(parameter: ParameterModel, property: QueryProperty): string {
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
export function whereCode(query: DerivedQuery, parameters: readonly ParameterModel[], properties: ReadonlyMap<string, QueryProperty>): string | undefined {
  let next = 0;
  const groups: string[] = [];
  for (const group of query.where) {
    const entries: [string, string][] = [];
    for (const condition of group) {
      const property = properties.get(condition.property);
      const taken = parameters.slice(next, next + condition.arity);
      if (!property || taken.length !== condition.arity) return undefined;
      next += condition.arity;
      entries.push([property.column.name, filter(condition, taken.map((parameter) => argument(parameter, property)))]);
    }
    const columns = entries.map(([column]) => column);
    const repeated = new Set(columns).size !== columns.length;
    groups.push(repeated ? `{ AND: [${entries.map(([column, value]) => `{ ${entry(column, value)} }`).join(', ')}] }` : `{ ${entries.map(([column, value]) => entry(column, value)).join(', ')} }`);
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
