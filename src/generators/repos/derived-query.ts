// Reads a repository method's name the way Spring Data does: `findAllByStatusAndCreatedAtBetween`,
// `existsByEmail`, `countByStatus`, `deleteByEmail`, `findFirstByOrderByCreatedAtDesc`.
import { joinFieldNames } from '../../model/names.js';

export type Operator =
  | 'equals'
  | 'not'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'isNull'
  | 'isNotNull'
  | 'true'
  | 'false';

export interface Condition {
  property: string;
  operator: Operator;
  ignoreCase: boolean;
  /** How many method parameters the condition takes, in order. */
  arity: 0 | 1 | 2;
}

export interface OrderTerm {
  property: string;
  direction: 'asc' | 'desc';
}

export interface DerivedQuery {
  action: 'find' | 'count' | 'exists' | 'delete';
  /** `findFirst…`/`findTop…`: one row; `findTop10…`: ten. */
  limit?: number;
  /** Alternatives joined by `Or`, each a list of conditions joined by `And`. */
  where: Condition[][];
  orderBy: OrderTerm[];
}

const actions: [RegExp, DerivedQuery['action']][] = [
  [/^(find|read|get|query|search|stream|list)/, 'find'],
  [/^count/, 'count'],
  [/^exists/, 'exists'],
  [/^(delete|remove)/, 'delete'],
];

const operators: [string[], Operator, Condition['arity']][] = [
  [['Is', 'Not', 'Null'], 'isNotNull', 0],
  [['Not', 'Null'], 'isNotNull', 0],
  [['Is', 'Null'], 'isNull', 0],
  [['Null'], 'isNull', 0],
  [['Greater', 'Than', 'Equal'], 'gte', 1],
  [['Greater', 'Than'], 'gt', 1],
  [['Less', 'Than', 'Equal'], 'lte', 1],
  [['Less', 'Than'], 'lt', 1],
  [['After'], 'gt', 1],
  [['Before'], 'lt', 1],
  [['Between'], 'between', 2],
  [['Not', 'In'], 'notIn', 1],
  [['In'], 'in', 1],
  [['Not', 'Like'], 'not', 1],
  [['Like'], 'contains', 1],
  [['Containing'], 'contains', 1],
  [['Contains'], 'contains', 1],
  [['Starting', 'With'], 'startsWith', 1],
  [['Starts', 'With'], 'startsWith', 1],
  [['Ending', 'With'], 'endsWith', 1],
  [['Ends', 'With'], 'endsWith', 1],
  [['Is', 'Not'], 'not', 1],
  [['Not'], 'not', 1],
  [['True'], 'true', 0],
  [['False'], 'false', 0],
  [['Is'], 'equals', 1],
  [['Equals'], 'equals', 1],
];

const words = (text: string): string[] => text.match(/[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [];
const startsWithWords = (list: readonly string[], at: number, prefix: readonly string[]): boolean => prefix.every((word, i) => list[at + i] === word);

/** Longest run of words at `at` naming a known property. */
function readProperty(list: readonly string[], at: number, properties: ReadonlySet<string>): { property: string; next: number } | undefined {
  for (let end = list.length; end > at; end--) {
    const property = joinFieldNames(...list.slice(at, end));
    if (properties.has(property)) return { property, next: end };
  }
  return undefined;
}

function parseConditions(list: readonly string[], properties: ReadonlySet<string>): Condition[][] | undefined {
  const groups: Condition[][] = [[]];
  let at = 0;
  while (at < list.length) {
    const read = readProperty(list, at, properties);
    if (!read) return undefined;
    at = read.next;
    const operator = operators.find(([prefix]) => startsWithWords(list, at, prefix));
    if (operator) at += operator[0].length;
    const ignoreCase = startsWithWords(list, at, ['Ignore', 'Case']) || startsWithWords(list, at, ['Ignoring', 'Case']);
    if (ignoreCase) at += 2;
    groups.at(-1)!.push({ property: read.property, operator: operator?.[1] ?? 'equals', arity: operator?.[2] ?? 1, ignoreCase });
    if (at === list.length) break;
    if (list[at] === 'And') at++;
    else if (list[at] === 'Or') {
      groups.push([]);
      at++;
    } else return undefined;
    if (at === list.length) return undefined;
  }
  return groups;
}

function parseOrder(list: readonly string[], properties: ReadonlySet<string>): OrderTerm[] | undefined {
  const terms: OrderTerm[] = [];
  let at = 0;
  while (at < list.length) {
    const read = readProperty(list, at, properties);
    if (!read) return undefined;
    at = read.next;
    const direction = list[at] === 'Desc' ? 'desc' : 'asc';
    if (list[at] === 'Asc' || list[at] === 'Desc') at++;
    terms.push({ property: read.property, direction });
  }
  return terms;
}

/** The query a method name asks for, or undefined when the name does not follow the convention. */
export function deriveQuery(methodName: string, properties: ReadonlySet<string>): DerivedQuery | undefined {
  const action = actions.find(([pattern]) => pattern.test(methodName));
  if (!action) return undefined;
  const rest = words(methodName.replace(action[0], ''));
  const by = rest.indexOf('By');
  if (by === -1) return undefined;
  const subject = rest.slice(0, by);
  const limited = /^(First|Top)(\d*)$/.exec(subject[0] ?? '');
  const top = limited ? Number(limited[2] || 1) : undefined;
  const tail = rest.slice(by + 1);
  const orderAt = tail.findIndex((word, i) => word === 'Order' && tail[i + 1] === 'By');
  const criteria = orderAt === -1 ? tail : tail.slice(0, orderAt);
  const where = criteria.length === 0 ? [] : parseConditions(criteria, properties);
  const orderBy = orderAt === -1 ? [] : parseOrder(tail.slice(orderAt + 2), properties);
  if (!where || !orderBy || (where.length === 0 && orderBy.length === 0)) return undefined;
  return { action: action[1], ...(top !== undefined ? { limit: top } : {}), where, orderBy };
}
