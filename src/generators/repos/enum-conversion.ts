// Expressions converting an enum's domain values to the Prisma members storing them and back, checked at run
// time by the generated `enumMember` (repos/enum-member.ts).
import { tsString } from '../../render/literals.js';
import type { EnumConversion } from './domain-lookup.js';

/** `{ 'in-progress': 'in_progress', done: 'done' } as const`: a lookup table from `from` to `to`. */
function table(conversion: EnumConversion, direction: 'toPrisma' | 'toDomain'): string {
  const pairs = conversion.members.map(({ value, member }) => (direction === 'toPrisma' ? [value, member] : [member, value]));
  return `{ ${pairs.map(([key, target]) => `${tsString(key!)}: ${tsString(target!)}`).join(', ')} } as const`;
}

/**
 * `expression` converted one way; `helper` is the imported name of `enumMember`. Lists are mapped item by item; an
 * optional value stays null (`missing`) when absent.
 */
export function convertEnum(
  expression: string,
  conversion: EnumConversion,
  direction: 'toPrisma' | 'toDomain',
  helper: string,
  shape: { list: boolean; optional: boolean; missing: 'null' | 'undefined' },
): string {
  const convert = (value: string) => `${helper}(${table(conversion, direction)}, ${value}, ${tsString(conversion.name)})`;
  const converted = shape.list ? `${expression}${shape.optional ? '?.' : '.'}map((item) => ${convert('item')})` : convert(expression);
  if (!shape.optional) return converted;
  return shape.list ? `${converted} ?? ${shape.missing}` : `${expression} == null ? ${shape.missing} : ${converted}`;
}
