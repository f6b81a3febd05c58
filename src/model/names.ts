import { camelCase, kebabCase, pascalCase, snakeCase, split } from 'change-case';
import pluralize from 'pluralize';
import type { NamingOptions } from '../config/options.js';

/** Every name form of one entity, computed once so that generators and templates only print them. */
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
  /** `orderLine` in `prisma.orderLine`: Prisma lowercases the model's first character only (`SKU` → `sKU`). */
  delegate: string;
  /** `writeOrderLine`: the repository's private upsert that its single and batch saves share. */
  writer: string;
  /** `PrismaOrderLineRepository` in `prisma-order-line.repository.ts`. */
  repositoryClass: string;
  repositoryFile: string;
  /** `OrderLineRepository` in `order-line-repository.ts`: the port infragen writes when the domain has none. */
  port: string;
  portFile: string;
  /** `order-line.mapper.ts`, with `toOrderLine` (row → domain), `orderLineRecord` (domain → row), `OrderLineRow`, `orderLineInclude`. */
  mapperFile: string;
  toDomain: string;
  toRecord: string;
  rowType: string;
  include: string;
  /** `orderLineId`: a variable holding one's key (a child's record function takes its owner's). */
  keyVariable: string;
  /** `OrderLineSortField`: the columns a page may be sorted by. */
  sortField: string;
  /** `order-line.seed.ts`, with `seedOrderLines`, `buildOrderLine` and the `OrderLineSeedRefs` it takes. */
  seedFile: string;
  seedFunction: string;
  builder: string;
  seedRefsType: string;
  /** `an order line`, `a ticket`: one of them in prose (test titles). */
  indefinite: string;
}

/** Words strict-mode code cannot declare as a variable or parameter (`class Default` cannot become `const default`). */
const reservedWords = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'
  ).split(' '),
);

/** `Default` → `defaultEntity`: a camel-case name that can be declared as a variable. */
function variableName(name: string): string {
  const camel = propertyName(name);
  return reservedWords.has(camel) ? `${camel}Entity` : camel;
}

export function entityNames(name: string, naming: NamingOptions, table?: string): EntityNames {
  const property = variableName(name);
  const plural = pluralize(property);
  const file = kebabCase(name);
  return {
    class: name,
    property,
    plural,
    file,
    table: table ?? tableName(name, naming),
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    writer: `write${name}`,
    repositoryClass: `Prisma${name}Repository`,
    repositoryFile: `prisma-${file}.repository.ts`,
    port: `${name}Repository`,
    portFile: `${file}-repository.ts`,
    mapperFile: `${file}.mapper.ts`,
    toDomain: `to${name}`,
    toRecord: `${property}Record`,
    rowType: `${name}Row`,
    include: `${property}Include`,
    keyVariable: `${property}Id`,
    sortField: `${name}SortField`,
    seedFile: `${file}.seed.ts`,
    seedFunction: `seed${pascalCase(plural)}`,
    builder: `build${name}`,
    seedRefsType: `${pascalCase(name)}SeedRefs`,
    indefinite: withIndefiniteArticle(proseWords(name)),
  };
}

/** `OrderLine` → `order line`, `HTTPRequest` → `HTTP request`: acronyms keep their capitals. */
function proseWords(name: string): string {
  return split(name)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

/** `appointment` → `an appointment`, `user` → `a user`, `SKU` → `an SKU`: English's article by the first sound, approximately. */
export function withIndefiniteArticle(words: string): string {
  const spelledOut = /^[A-Z]{2,}\b/.test(words) ? /^[AEFHILMNORSX]/.test(words) : undefined;
  const silentH = /^(hour|honest|honou?r|heir)/i.test(words);
  const spokenVowel = /^[aeiou]/i.test(words) && !/^(uni|use|usu|ura|uti|eu|one\b|once)/i.test(words);
  const vowelSound = spelledOut ?? (silentH || spokenVowel);
  return `${vowelSound ? 'an' : 'a'} ${words}`;
}

/** Name forms of a domain event in the messaging layer. */
export interface EventNames {
  /** `orderPlacedDefinition`: the constant describing the event on the wire. */
  definition: string;
  /** The routing key (RabbitMQ) or subject/topic suffix (NATS, Kafka): the event type, `order.placed`. */
  routingKey: string;
  /** `orderId`: the field that names the event's aggregate by its key, when the aggregate is known. */
  aggregateKey?: string;
}

export function eventNames(event: { name: string; eventType: string; aggregate?: string }): EventNames {
  return {
    definition: `${lowerFirst(event.name)}Definition`,
    routingKey: event.eventType,
    ...(event.aggregate ? { aggregateKey: `${lowerFirst(event.aggregate)}Id` } : {}),
  };
}

/** `IEventBus`, `EventBusPort` → `BrokerEventBus`: the class publishing a port's events through the broker. */
export function publisherAdapterName(port: string): string {
  return `Broker${port.replace(/^I(?=[A-Z])/, '').replace(/Port$/, '')}`;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `OrderLine` → `orderLine`. */
export function propertyName(name: string): string {
  return camelCase(name);
}

/** `customer` → `Customer`, `shippingAddress` → `ShippingAddress`: a name as part of a longer one. */
export function capitalizedName(name: string): string {
  return pascalCase(name);
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

/** The database name of an enum: snake_case when tables are, else the enum's own name. */
export function enumDbName(name: string, naming: NamingOptions): string {
  return naming.tableCase === 'snake' ? snakeCase(name) : name;
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

/** `shippingAddress` + `postalCode` → `shippingAddressPostalCode`; `['Customer', 'Id']` → `customerId`. */
export function joinFieldNames(...parts: string[]): string {
  return camelCase(parts.join(' '));
}

/** `shippingAddress` → `shipping_address`: the words of a name, for matching it against patterns. */
export function snakeWords(name: string): string {
  return snakeCase(name);
}

/** `tags` → `tag`, `categories` → `category`. */
export function singularName(name: string): string {
  return pluralize.singular(name);
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
