import { camelCase, kebabCase, pascalCase, snakeCase } from 'change-case';
import pluralize from 'pluralize';
import type { NamingOptions } from '../config/options.js';

/** Every name form of one entity, computed once so that templates only print them. */
export interface EntityNames {
  /** `OrderLine`: the domain class and the Prisma model. */
  class: string;
  /** `orderLine`: a variable holding one. */
  property: string;
  /** `orderLines`: a variable holding many. */
  plural: string;
  /** `order-line`: file names. */
  file: string;
  /** `order_lines`: the table, per the naming options. */
  table: string;
}

export function entityNames(name: string, naming: NamingOptions, table?: string): EntityNames {
  return {
    class: name,
    property: camelCase(name),
    plural: pluralize(camelCase(name)),
    file: kebabCase(name),
    table: table ?? tableName(name, naming),
  };
}

export function tableName(entity: string, naming: NamingOptions): string {
  const words = naming.pluralTables ? pluralizeLastWord(entity) : entity;
  switch (naming.tableCase) {
    case 'snake':
      return snakeCase(words);
    case 'camel':
      return camelCase(words);
    case 'pascal':
      return pascalCase(words);
  }
}

export function columnName(field: string, naming: NamingOptions): string {
  return naming.columnCase === 'snake' ? snakeCase(field) : camelCase(field);
}

/** `OrderLine` → `OrderLines`, `Category` → `Categories`: only the last word is made plural. */
function pluralizeLastWord(name: string): string {
  const words = snakeCase(name).split('_');
  const last = words.pop() ?? '';
  return pascalCase([...words, pluralize(last)].join('_'));
}

/** `shippingAddress` + `postalCode` → `shippingAddressPostalCode`. */
export function joinFieldNames(...parts: string[]): string {
  return camelCase(parts.join(' '));
}

/** `customerId` → `customer`; `owner` stays `owner`. */
export function relationFieldName(foreignKeyField: string): string {
  return foreignKeyField.endsWith('Id') && foreignKeyField.length > 2 ? foreignKeyField.slice(0, -2) : foreignKeyField;
}

export function pluralCamel(name: string): string {
  return pluralize(camelCase(name));
}

/** A name Prisma accepts for models, enums and fields: ASCII letter first, then letters, digits, underscores. */
export function isPrismaIdentifier(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name);
}
