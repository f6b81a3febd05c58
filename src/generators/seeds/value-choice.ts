// Which faker call produces a realistic value for a field, from its name and type. Pure: names in, code out.
import { singularName, snakeWords } from '../../model/names.js';
import { isPlain, type TypeModel, type TypePrimitive } from '../../model/types.js';

export type ValueKind = 'string' | 'int' | 'float' | 'decimal' | 'boolean' | 'Date' | 'bigint' | 'json';

export interface ValueHint {
  /** Names describing the value, most specific first: the field (or column), then e.g. its value object. */
  names: readonly string[];
  kind: ValueKind;
  /** The entity holding the value: a `Product`'s `name` is a product name, a `Customer`'s a person's. */
  owner?: string;
  /** From `@db.VarChar(n)` / `@db.Char(n)` or the value object's `maxLength`: longer strings are cut. */
  maxLength?: number;
  /** From the value object's `minLength`: shorter strings are padded. */
  minLength?: number;
  /** The field's type, for Json values (`Record<string, string>`). */
  declaredType?: TypeModel;
}

type Rule = readonly [pattern: RegExp, expression: string];

// Each pattern is matched against the snake_case name, anchored at its end: `shipping_address_street` is a street.
const stringRules: readonly Rule[] = [
  [/(^|_)e?mail(_address)?$/, 'faker.internet.email().toLowerCase()'],
  [/(^|_)(first|given)_name$/, 'faker.person.firstName()'],
  [/(^|_)(last|family)_name$|(^|_)surname$/, 'faker.person.lastName()'],
  [/(^|_)middle_name$/, 'faker.person.middleName()'],
  [/(^|_)(full|display|contact)_name$/, 'faker.person.fullName()'],
  [/(^|_)(author|owner|assignee|requester|reporter|recipient|sender|created_by|updated_by)$/, 'faker.person.fullName()'],
  [/(^|_)(user_?name|login|handle|nickname)$/, 'faker.internet.username()'],
  [/(^|_)password(_hash)?$/, 'faker.internet.password({ length: 16 })'],
  [/(^|_)(phone(_number)?|mobile|telephone|fax)$/, 'faker.phone.number()'],
  [/(^|_)(street(_address)?|address_line_?\d?|address)$/, 'faker.location.streetAddress()'],
  [/(^|_)(city|town)$/, 'faker.location.city()'],
  [/(^|_)(postal_code|post_code|postcode|zip(_code)?)$/, 'faker.location.zipCode()'],
  [/(^|_)country_code$/, 'faker.location.countryCode()'],
  [/(^|_)country$/, 'faker.location.country()'],
  [/(^|_)(state|region|province)$/, 'faker.location.state()'],
  [/(^|_)(time_?zone)$/, 'faker.location.timeZone()'],
  [/(^|_)(image|avatar|photo|picture|thumbnail|logo)(_url)?$/, 'faker.image.url()'],
  [/(^|_)(url|website|homepage|link)$/, 'faker.internet.url()'],
  [/(^|_)currency(_code)?$/, 'faker.finance.currencyCode()'],
  [/(^|_)iban$/, 'faker.finance.iban()'],
  [/(^|_)isbn(_?1[03])?$/, "faker.commerce.isbn({ variant: 13, separator: '' })"],
  [/(^|_)(barcode|ean(_?13)?|gtin)$/, 'faker.string.numeric(13)'],
  [/(^|_)sku$/, "faker.string.alphanumeric({ length: 10, casing: 'upper' })"],
  [/(^|_)slug$/, 'faker.lorem.slug()'],
  [/(^|_)job_title$/, 'faker.person.jobTitle()'],
  [/(^|_)(title|headline|subject)$/, 'faker.lorem.sentence({ min: 3, max: 6 })'],
  [/(^|_)(description|summary|bio|about|details|body|content|text)$/, 'faker.lorem.paragraph()'],
  [/(^|_)(note|comment|remark|message|reason)$/, 'faker.lorem.sentence()'],
  [/(^|_)(company|company_name|organization|organisation|employer)$/, 'faker.company.name()'],
  [/(^|_)(colou?r)$/, 'faker.color.human()'],
  [/(^|_)ip(_address)?$/, 'faker.internet.ipv4()'],
  [/(^|_)(token|secret|api_key)$/, 'faker.string.alphanumeric(32)'],
  [/(^|_)(uuid|guid|id)$/, 'faker.string.uuid()'],
  [/(^|_)code$/, "faker.string.alphanumeric({ length: 8, casing: 'upper' })"],
  [/(^|_)(tag|keyword|label)$/, 'faker.word.noun()'],
  [/(^|_)(carrier)$/, "faker.helpers.arrayElement(['UPS', 'DHL', 'FedEx', 'USPS'])"],
  [/(^|_)(locale|language)$/, "faker.helpers.arrayElement(['en', 'fr', 'de', 'es', 'it'])"],
];

// `name` alone means different things on different entities.
const nameRules: readonly Rule[] = [
  [/(product|item|article|goods?|offer)/, 'faker.commerce.productName()'],
  [/(category|department|section|collection)/, 'faker.commerce.department()'],
  [/(company|organi[sz]ation|supplier|vendor|brand|manufacturer|team|tenant)/, 'faker.company.name()'],
  [/(project|task|event|course)/, 'faker.lorem.words({ min: 2, max: 4 })'],
  [/(city|location|place|store|shop|warehouse)/, 'faker.location.city()'],
];

interface NumberRule {
  pattern: RegExp;
  int: string;
  float: string;
}

const numberRules: readonly NumberRule[] = [
  { pattern: /(^|_)(in_)?cents$/, int: 'faker.number.int({ min: 100, max: 100_000 })', float: 'faker.number.int({ min: 100, max: 100_000 })' },
  { pattern: /(^|_)(quantity|qty)$/, int: 'faker.number.int({ min: 1, max: 10 })', float: 'faker.number.float({ min: 1, max: 10, fractionDigits: 2 })' },
  {
    pattern: /(^|_)(price|cost|amount|total|subtotal|balance|fee|salary|revenue|tax|budget)$/,
    int: 'faker.number.int({ min: 1, max: 1_000 })',
    float: 'faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 })',
  },
  { pattern: /(^|_)(stock|inventory|count|views|likes)$/, int: 'faker.number.int({ min: 0, max: 500 })', float: 'faker.number.float({ min: 0, max: 500, fractionDigits: 2 })' },
  { pattern: /(^|_)age$/, int: 'faker.number.int({ min: 18, max: 90 })', float: 'faker.number.int({ min: 18, max: 90 })' },
  { pattern: /(^|_)year$/, int: 'faker.number.int({ min: 1990, max: 2024 })', float: 'faker.number.int({ min: 1990, max: 2024 })' },
  { pattern: /(^|_)(rating|stars|score)$/, int: 'faker.number.int({ min: 1, max: 5 })', float: 'faker.number.float({ min: 1, max: 5, fractionDigits: 1 })' },
  { pattern: /(^|_)(percent|percentage|discount|rate)$/, int: 'faker.number.int({ min: 0, max: 100 })', float: 'faker.number.float({ min: 0, max: 100, fractionDigits: 2 })' },
  { pattern: /(^|_)(latitude|lat)$/, int: 'faker.number.int({ min: -90, max: 90 })', float: 'faker.location.latitude()' },
  { pattern: /(^|_)(longitude|lng|lon)$/, int: 'faker.number.int({ min: -180, max: 180 })', float: 'faker.location.longitude()' },
  { pattern: /(^|_)(weight|height|width|length|depth|size)$/, int: 'faker.number.int({ min: 1, max: 100 })', float: 'faker.number.float({ min: 0.1, max: 100, fractionDigits: 2 })' },
  { pattern: /(^|_)(position|rank|sort_order|priority|version)$/, int: 'faker.number.int({ min: 1, max: 100 })', float: 'faker.number.int({ min: 1, max: 100 })' },
];

// Dates are relative to faker's reference date, which the seed entry fixes so that a seed gives the same rows any day.
const dateRules: readonly Rule[] = [
  [/(^|_)(birth_?date|birthday|date_of_birth|dob|born_(at|on))$/, 'faker.date.birthdate()'],
  [/(^|_)(expires?|expir(y|ation)|due|deadline|until|ends?|scheduled|starts?|valid_to)(_(at|on|date))?$/, 'faker.date.soon({ days: 180 })'],
  [/(^|_)(updated|modified|last_\w+|seen)(_(at|on|date))?$/, 'faker.date.recent({ days: 30 })'],
];

const words = snakeWords;

function firstMatch(hint: ValueHint, rules: readonly Rule[]): string | undefined {
  for (const name of hint.names) {
    const rule = rules.find(([pattern]) => pattern.test(words(name)));
    if (rule) return rule[1];
  }
  return undefined;
}

function stringValue(hint: ValueHint): string {
  const byName = firstMatch(hint, stringRules);
  if (byName) return byName;
  if (hint.names.some((name) => /(^|_)name$/.test(words(name)))) {
    const owner = words(hint.owner ?? '');
    return nameRules.find(([pattern]) => pattern.test(owner))?.[1] ?? 'faker.person.fullName()';
  }
  return 'faker.lorem.words({ min: 1, max: 3 })';
}

function numberValue(hint: ValueHint): string {
  const fractional = hint.kind === 'float' || hint.kind === 'decimal';
  for (const name of hint.names) {
    const rule = numberRules.find((candidate) => candidate.pattern.test(words(name)));
    if (rule) return fractional ? rule.float : rule.int;
  }
  return fractional ? 'faker.number.float({ min: 0, max: 1_000, fractionDigits: 2 })' : 'faker.number.int({ min: 0, max: 1_000 })';
}

const recordValues: Partial<Record<TypePrimitive, string>> = { string: 'faker.word.adjective()', number: 'faker.number.int({ min: 0, max: 100 })', boolean: 'faker.datatype.boolean()' };

const plainPrimitive = (type: TypeModel): TypePrimitive | undefined => (isPlain(type) && type.target.kind === 'primitive' ? type.target.primitive : undefined);

/** The faker call for the values of a `Record<string, string | number | boolean>`, or undefined for any other type. */
function recordValue(type: TypeModel | undefined): string | undefined {
  if (!type || type.target.kind !== 'record' || !isPlain(type)) return undefined;
  const valueKind = plainPrimitive(type.target.value);
  return plainPrimitive(type.target.key) === 'string' && valueKind ? recordValues[valueKind] : undefined;
}

function jsonValue(hint: ValueHint): string {
  const value = recordValue(hint.declaredType);
  if (!value) return '{}';
  return `Object.fromEntries(faker.helpers.multiple(() => [faker.word.noun(), ${value}] as const, { count: { min: 1, max: 3 } }))`;
}

/** A faker expression giving one realistic value of the hinted name and kind. */
export function fakerValue(hint: ValueHint): string {
  switch (hint.kind) {
    case 'string': {
      const value = hint.minLength === undefined ? stringValue(hint) : `${stringValue(hint)}.padEnd(${hint.minLength}, 'x')`;
      return hint.maxLength === undefined ? value : `${value}.slice(0, ${hint.maxLength})`;
    }
    case 'int':
    case 'float':
    case 'decimal':
      return numberValue(hint);
    case 'bigint':
      return 'BigInt(faker.number.int({ min: 0, max: 1_000_000 }))';
    case 'boolean':
      return 'faker.datatype.boolean()';
    case 'Date':
      return firstMatch(hint, dateRules) ?? 'faker.date.past({ years: 1 })';
    case 'json':
      return jsonValue(hint);
  }
}

/** A few values of a list field, each chosen by the singular of its name (`tags` → a tag). */
export function fakerList(hint: ValueHint, element: (hint: ValueHint) => string = fakerValue): string {
  const singular = { ...hint, names: hint.names.map((name) => singularName(name)) };
  return `faker.helpers.multiple(() => ${element(singular)}, { count: { min: 1, max: 3 } })`;
}

/** An optional value: present most of the time, else `undefined` (or `null` when the type wants null). */
export function maybe(expression: string, absent: 'undefined' | 'null'): string {
  const value = `faker.helpers.maybe(() => ${expression}, { probability: 0.8 })`;
  return absent === 'null' ? `${value} ?? null` : value;
}

/** `@db.VarChar(120)` → 120. */
export function maxLengthOf(nativeType: string | undefined): number | undefined {
  const match = /^(?:Var)?Char\((\d+)\)$/.exec(nativeType ?? '');
  return match ? Number(match[1]) : undefined;
}
