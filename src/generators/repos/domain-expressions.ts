// Expressions that rebuild domain values from a Prisma row (Prisma → domain), the way the domain allows.
import type { ConstructionModel, EntityModel, FieldModel, ValueObjectModel } from '../../model/domain.js';
import { convertEnum } from './enum-conversion.js';
import { singularName } from '../../model/names.js';
import type { ColumnField, StoredModel } from '../../model/persistence/index.js';
import { tsString } from '../../render/literals.js';
import { unwrapResult } from '../unwrap-result.js';
import { UnsupportedMapping, type DomainLookup } from './domain-lookup.js';
import type { ImportSet } from './imports.js';
import { declaredFromJson, valueObjectFromJson, type JsonReadContext } from './json-expressions.js';

export interface DomainContext {
  lookup: DomainLookup;
  entity: EntityModel;
  model: StoredModel;
  row: string;
  imports: ImportSet;
  /** The mapper function of an owned child entity: `toOrderLine`. */
  childMapper(entity: string): string;
  /** Imports a checked Json conversion (json-values.ts) and returns its name. */
  jsonHelper: JsonReadContext['helper'];
  /** Imports the checked enum conversion (enum-member.ts) and returns its name. */
  enumHelper(): string;
}

function columnsOf(ctx: DomainContext, field: string, part?: string): ColumnField[] {
  return ctx.model.fields.filter(
    (candidate): candidate is ColumnField =>
      candidate.kind === 'column' &&
      'path' in candidate.origin &&
      candidate.origin.path.field === field &&
      (part === undefined || candidate.origin.path.part === part),
  );
}

/**
 * A Decimal as the domain holds it: a number (through its shortest text, so a number written comes back equal), or
 * text, at the scale of `@db.Decimal(p, s)` when given (`19.90` stays `19.90`).
 */
export function decimalRead(column: ColumnField, asText: boolean): string {
  if (!asText) return 'toNumber()';
  const scale = /^Decimal\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(column.nativeType ?? '')?.[1];
  return scale === undefined ? 'toString()' : `toFixed(${scale})`;
}

const holdsText = (field: { type?: FieldModel['type'] }): boolean => field.type?.kind === 'primitive' && field.type.primitive === 'string';

/** A stored column as the domain's primitive: Decimal → number or text, null → undefined when the domain wants that. */
function primitive(column: ColumnField, row: string, field: Pick<FieldModel, 'optional' | 'nullable'> & { type?: FieldModel['type'] }): string {
  const value = `${row}.${column.name}`;
  if (column.type === 'Decimal') {
    const read = decimalRead(column, holdsText(field));
    return column.optional ? `${value}${field.nullable ? ' === null ? null : ' + value : '?'}.${read}` : `${value}.${read}`;
  }
  if (column.optional && !field.nullable) return `${value} ?? undefined`;
  return value;
}

/**
 * `new Email(value)`, `Email.create(value)`, `Money.create({ amount, currency })`, `Course.fromPrimitives({ id })`.
 * `args(name, raw)` gives a field's value, or with `raw` the primitive its value object holds. A factory returning a
 * `Result`-like wrapper is unwrapped; its failure throws an error whose text is the expression `failure` (default: the
 * class could not be built).
 */
export function construct(className: string, construction: ConstructionModel, args: (name: string, raw: boolean) => string, failure?: string): string {
  const list = (parameters: Extract<ConstructionModel, { parameters: unknown }>['parameters']) =>
    parameters
      .map((parameter) =>
        parameter.kind === 'field'
          ? args(parameter.field, parameter.raw === true)
          : `{ ${parameter.fields.map((name) => `${name}: ${args(name, parameter.raw?.includes(name) === true)}`).join(', ')} }`,
      )
      .join(', ');
  switch (construction.kind) {
    case 'static-factory': {
      const call = `${className}.${construction.method}(${list(construction.parameters)})`;
      return construction.result ? unwrapResult(call, construction.result, failure ?? tsString(`cannot build ${className}`)) : call;
    }
    case 'constructor':
      return `new ${className}(${list(construction.parameters)})`;
    case 'object-literal':
      throw new UnsupportedMapping(`${className} is a type, not a class`);
    case 'unavailable':
      throw new UnsupportedMapping(construction.reason, undefined, construction.hint);
  }
}

/** The text of the error a failed factory throws while a row is read: names the class and the row's key. */
export function rowFailure(className: string, ctx: DomainContext): string {
  const key = ctx.model.fields.find((field): field is ColumnField => field.kind === 'column' && field.id);
  const row = key ? ` + String(${ctx.row}.${key.name})` : '';
  return `${tsString(`cannot rebuild ${className} from the ${ctx.model.name} row `)}${row}`;
}

function valueObjectFrom(valueObject: ValueObjectModel, ctx: DomainContext, value: (part: string) => string): string {
  ctx.imports.add(valueObject.name, valueObject.source.file);
  return construct(
    valueObject.name,
    valueObject.construction,
    (part, raw) => (raw ? rawPart(valueObject, part) : value(part)),
    rowFailure(valueObject.name, ctx),
  );
}

/** A value object's factory taking primitives for its parts: only plain parts are stored as primitives already. */
function rawPart(valueObject: ValueObjectModel, part: string): never {
  throw new UnsupportedMapping(
    `${valueObject.name} is built from the primitive of ${part}, which is itself a value object`,
    undefined,
    `give ${valueObject.name} a factory taking ${part} as its value object`,
  );
}

/** The primitive a field's value object holds, as stored: what `fromPrimitives`-style factories take. */
export function rawDomainValue(field: FieldModel, ctx: DomainContext): string {
  const [column, ...more] = columnsOf(ctx, field.name);
  const type = field.type;
  if (!column || more.length > 0 || (type.kind !== 'valueObject' && type.kind !== 'identity') || column.origin.kind !== 'valueObject') {
    throw new UnsupportedMapping(
      `${ctx.entity.name}.${field.name} is passed to its factory as a primitive, but it is not stored as one column`,
      field,
      `pass ${field.name} as its value object, or store it as one column`,
    );
  }
  return primitive(column, ctx.row, field);
}

function singleValueObject(name: string, column: ColumnField, field: FieldModel, ctx: DomainContext): string {
  const valueObject = ctx.lookup.valueObject(name);
  if (!valueObject) throw new UnsupportedMapping(`the value object ${name} is unknown`, field);
  const value = `${ctx.row}.${column.name}`;
  // `/** @decimal */ price: Price` wrapping a number (or decimal text): the Decimal is converted first.
  const decimal = column.type === 'Decimal' && valueObject.shape.kind === 'single' ? `.${decimalRead(column, valueObject.shape.primitive === 'string')}` : '';
  if (field.type.list) return `${value}.map((item) => ${valueObjectFrom(valueObject, ctx, () => `item${decimal}`)})`;
  const built = valueObjectFrom(valueObject, ctx, () => `${value}${decimal}`);
  return column.optional ? `${value} === null ? ${field.nullable ? 'null' : 'undefined'} : ${built}` : built;
}

/** A composite value object inside an embedded one (`address.street: Street`), read back from its own Json column. */
function embeddedJsonPart(nested: ValueObjectModel, part: FieldModel, column: ColumnField, path: string, ctx: DomainContext): string {
  const value = `${ctx.row}.${column.name}`;
  const json: JsonReadContext = { lookup: ctx.lookup, imports: ctx.imports, helper: ctx.jsonHelper };
  const label = `${ctx.entity.name}.${path}`;
  const read = part.type.list
    ? `${ctx.jsonHelper('jsonArray')}(${value}, ${tsString(label)}).map((item) => ${valueObjectFromJson(nested, 'item', label, json)})`
    : valueObjectFromJson(nested, value, label, json);
  return column.optional && part.optional ? `${value} === null ? ${part.nullable ? 'null' : 'undefined'} : ${read}` : read;
}

function compositeValueObject(name: string, field: FieldModel, ctx: DomainContext): string {
  const valueObject = ctx.lookup.valueObject(name);
  if (valueObject?.shape.kind !== 'composite') throw new UnsupportedMapping(`the value object ${name} is unknown`, field);
  const parts = valueObject.shape.fields;
  const value = (partName: string): string => {
    const part = parts.find((candidate) => candidate.name === partName);
    const [column] = columnsOf(ctx, field.name, partName);
    if (!part || !column) throw new UnsupportedMapping(`${name}.${partName} is not stored`, field);
    if (part.type.kind === 'valueObject' || part.type.kind === 'identity') {
      const nested = ctx.lookup.valueObject(part.type.kind === 'valueObject' ? part.type.name : part.type.valueObject);
      if (nested && column.type === 'Json') return embeddedJsonPart(nested, part, column, `${field.name}.${partName}`, ctx);
      if (nested) return valueObjectFrom(nested, ctx, () => `${ctx.row}.${column.name}`);
    }
    // Inside the branch where the required parts were checked for null, only optional parts can be null.
    return primitive({ ...column, optional: column.optional && part.optional }, ctx.row, part);
  };
  const built = valueObjectFrom(valueObject, ctx, value);
  if (!field.optional) return built;
  const required = parts.filter((part) => !part.optional).flatMap((part) => columnsOf(ctx, field.name, part.name));
  const missing = required.map((column) => `${ctx.row}.${column.name} === null`).join(' || ') || 'false';
  return `${missing} ? ${field.nullable ? 'null' : 'undefined'} : ${built}`;
}

function enumValue(column: ColumnField, field: FieldModel, ctx: DomainContext): string {
  const type = field.type;
  const stored = type.kind === 'enum' ? ctx.lookup.enum(type.name) : undefined;
  const conversion = type.kind === 'enum' ? ctx.lookup.enumConversion(type.name) : undefined;
  const value = conversion
    ? convertEnum(`${ctx.row}.${column.name}`, conversion, 'toDomain', ctx.enumHelper(), {
        list: type.list,
        optional: column.optional,
        missing: field.nullable ? 'null' : 'undefined',
      })
    : primitive(column, ctx.row, field);
  // A TS enum is not assignable from Prisma's string literals; a literal union is the same type.
  if (stored?.kind !== 'ts-enum' || !stored.source) return value;
  ctx.imports.add(stored.name, stored.source.file, { typeOnly: true });
  return `${value} as ${stored.name}${type.list ? '[]' : ''}${column.optional ? (field.nullable ? ' | null' : ' | undefined') : ''}`;
}

/** A field stored in a Json column, converted back with checks to what the domain declares. */
function jsonDomainValue(field: FieldModel, column: ColumnField, valueObjectName: string | undefined, ctx: DomainContext): string {
  const value = `${ctx.row}.${column.name}`;
  const label = `${ctx.entity.name}.${field.name}`;
  const json: JsonReadContext = { lookup: ctx.lookup, imports: ctx.imports, helper: ctx.jsonHelper };
  let read: string;
  const valueObject = valueObjectName === undefined ? undefined : ctx.lookup.valueObject(valueObjectName);
  if (valueObjectName !== undefined) {
    if (!valueObject) throw new UnsupportedMapping(`the value object ${valueObjectName} is unknown`, field);
    read = field.type.list
      ? `${ctx.jsonHelper('jsonArray')}(${value}, ${tsString(label)}).map((item) => ${valueObjectFromJson(valueObject, 'item', label, json)})`
      : valueObjectFromJson(valueObject, value, label, json);
  } else {
    read = declaredFromJson(value, label, field.declaredType, field, json);
  }
  return column.optional ? `${value} === null ? ${field.nullable ? 'null' : 'undefined'} : ${read}` : read;
}

/** The domain value of one field, read from the row. */
export function domainValue(field: FieldModel, ctx: DomainContext): string {
  const type = field.type;
  if (type.kind === 'entity') {
    const relation = ctx.model.fields.find((candidate) => candidate.kind === 'relation' && candidate.name === field.name);
    if (relation?.kind === 'relation' && relation.owned) {
      const items = `${ctx.row}.${field.name}.map(${ctx.childMapper(type.name)})`;
      if (!type.collection) return items;
      ctx.imports.add(type.collection.name, type.collection.source.file);
      return construct(type.collection.name, type.collection.construction, () => items, rowFailure(type.collection.name, ctx));
    }
    throw new UnsupportedMapping(
      `${ctx.entity.name}.${field.name} holds ${type.name} objects that belong to another aggregate`,
      field,
      `reference it by identity (e.g. \`${singularName(field.name)}Ids\`), or tag the field @ignore; repositories load one aggregate at a time`,
    );
  }
  const columns = columnsOf(ctx, field.name);
  const [column] = columns;
  if (!column) throw new UnsupportedMapping(`${ctx.entity.name}.${field.name} is not stored`, field);
  if (column.origin.kind === 'json' && column.origin.path.part === undefined) return jsonDomainValue(field, column, column.origin.valueObject, ctx);
  if (column.type === 'Json' && column.origin.kind === 'value' && column.origin.path.part === undefined) return jsonDomainValue(field, column, undefined, ctx);
  if (type.kind === 'enum') return enumValue(column, field, ctx);
  if (type.kind === 'identity') return singleValueObject(type.valueObject, column, field, ctx);
  const embedded = 'path' in column.origin && column.origin.path.part !== undefined;
  if (type.kind === 'valueObject') return embedded ? compositeValueObject(type.name, field, ctx) : singleValueObject(type.name, column, field, ctx);
  return primitive(column, ctx.row, field);
}
