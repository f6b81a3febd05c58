// Expressions that build one domain object with faker values, the way the domain builds it (factories, constructors).
import type { EntityModel, FieldModel, Primitive, ValueObjectModel } from '../../model/domain.js';
import type { ColumnField, RelationField, StoredModel } from '../../model/persistence/index.js';
import { construct } from '../repos/domain-expressions.js';
import { UnsupportedMapping, type DomainLookup } from '../repos/domain-lookup.js';
import type { ImportSet } from '../repos/imports.js';
import { fakerList, fakerValue, maxLengthOf, maybe, type ValueHint, type ValueKind } from './value-choice.js';
import { tsString } from '../../render/literals.js';

/** What building needs besides the domain: where names come from, and how references and children are reached. */
export interface BuildContext {
  lookup: DomainLookup;
  imports: ImportSet;
  /** The seed helpers module (`unique`, `pick`, `pickSome`). */
  helpersFile: string;
  /** The expression holding the keys of already-seeded `model`s (recorded as a reference of this module); undefined when not seeded before. */
  reference(model: string): string | undefined;
  /** The builder function of an owned child entity: `buildOrderLine(refs)`. */
  childBuilder(entity: string): string;
}

const primitiveKind: Record<Primitive, ValueKind> = { string: 'string', number: 'int', boolean: 'boolean', Date: 'Date', bigint: 'bigint', json: 'json' };

/** The value kind a column stores: an Int column is an integer, a Decimal has cents. */
export function columnKind(column: ColumnField | undefined, fallback: ValueKind, tags: FieldModel['tags'] = {}): ValueKind {
  switch (column?.type) {
    case 'Int':
      return 'int';
    case 'Float':
      return 'float';
    case 'Decimal':
      return 'decimal';
    case 'BigInt':
      return 'bigint';
    default:
      if (fallback === 'int' && (tags.decimal || tags.float)) return 'decimal';
      return fallback;
  }
}

function columnsOf(model: StoredModel, field: string, part?: string): ColumnField[] {
  return model.fields.filter(
    (candidate): candidate is ColumnField =>
      candidate.kind === 'column' && 'path' in candidate.origin && candidate.origin.path.field === field && candidate.origin.path.part === part,
  );
}

/** Wraps a value that must differ between rows (`@unique`) so that repeats are drawn again. */
export function uniqueValue(expression: string, key: string, ctx: Pick<BuildContext, 'imports' | 'helpersFile'>): string {
  ctx.imports.add('unique', ctx.helpersFile);
  return `unique(${tsString(key)}, () => ${expression})`;
}

/** A decimal the domain holds as text (`@decimal amount: string`): the number printed at the column's scale. */
function asDecimalText(value: string, column: ColumnField | undefined): string {
  const scale = /^Decimal\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(column?.nativeType ?? '')?.[1] ?? '2';
  return `${value}.toFixed(${scale})`;
}

function primitiveValue(hint: ValueHint, column: ColumnField | undefined, list: boolean, key: string, ctx: BuildContext, text = false): string {
  const full: ValueHint = { ...hint, ...(column?.nativeType && maxLengthOf(column.nativeType) !== undefined ? { maxLength: maxLengthOf(column.nativeType)! } : {}) };
  const decimalText = text && column?.type === 'Decimal';
  const value = list ? fakerList(full, decimalText ? (one) => asDecimalText(fakerValue(one), column) : fakerValue) : decimalText ? asDecimalText(fakerValue(full), column) : fakerValue(full);
  return column?.unique && !list ? uniqueValue(value, key, ctx) : value;
}

function valueObjectValue(valueObject: ValueObjectModel, field: FieldModel, entity: EntityModel, model: StoredModel, ctx: BuildContext, raw: boolean): string {
  ctx.imports.add(valueObject.name, valueObject.source.file);
  const shape = valueObject.shape;
  if (shape.kind === 'single') {
    const [column] = columnsOf(model, field.name);
    // The value object's name decides the format first (`contact: Email`), then the field's.
    const hint: ValueHint = { names: [valueObject.name, field.name], kind: columnKind(column, primitiveKind[shape.primitive], field.tags), owner: entity.name, declaredType: field.declaredType };
    const lengths = valueObject.lengths;
    if (lengths?.max !== undefined) hint.maxLength = lengths.max;
    if (lengths?.min !== undefined) hint.minLength = lengths.min;
    const single = (): string => primitiveValue(hint, column, false, `${entity.name}.${field.name}`, ctx, shape.primitive === 'string');
    if (raw) return field.type.list ? `faker.helpers.multiple(() => ${single()}, { count: { min: 1, max: 3 } })` : single();
    if (field.type.list) return `faker.helpers.multiple(() => ${construct(valueObject.name, valueObject.construction, single)}, { count: { min: 1, max: 3 } })`;
    return construct(valueObject.name, valueObject.construction, single);
  }
  if (raw)
    throw new UnsupportedMapping(
      `${entity.name}.${field.name} is passed to its factory as a primitive, but ${valueObject.name} holds several fields`,
      field,
      `pass ${field.name} as its value object`,
    );
  const part = (name: string): string => {
    const partField = shape.fields.find((candidate) => candidate.name === name);
    if (!partField) throw new UnsupportedMapping(`${valueObject.name} is built with "${name}", which is not one of its fields`, field);
    const [column] = columnsOf(model, field.name, name);
    const built = fieldValue(partField, { ...entity, name: valueObject.name }, model, ctx, column ? [column] : [], `${entity.name}.${field.name}.${name}`);
    return built;
  };
  const one = construct(valueObject.name, valueObject.construction, part);
  return field.type.list ? `faker.helpers.multiple(() => ${one}, { count: { min: 1, max: 3 } })` : one;
}

function enumValue(name: string, field: FieldModel, ctx: BuildContext): string {
  const model = ctx.lookup.enum(name);
  if (!model) throw new UnsupportedMapping(`the enum ${name} is unknown`, field);
  const one =
    model.kind === 'ts-enum' && model.source
      ? `faker.helpers.enumValue(${ctx.imports.add(model.name, model.source.file)})`
      : `faker.helpers.arrayElement([${model.members.map((member) => tsString(member.value)).join(', ')}] as const)`;
  return field.type.list ? `faker.helpers.arrayElements([${model.members.map((member) => tsString(member.value)).join(', ')}] as const)` : one;
}

/** The relation through which a field references another entity's key (`customerId: CustomerId` → Customer). */
function referencedModel(field: FieldModel, model: StoredModel): string | undefined {
  const relation = model.fields.find((candidate): candidate is RelationField => candidate.kind === 'relation' && candidate.domain.kind === 'identity' && candidate.domain.field === field.name);
  return relation?.model;
}

function identityValue(field: FieldModel, valueObjectName: string, entity: EntityModel, model: StoredModel, ctx: BuildContext, raw: boolean): string {
  const valueObject = ctx.lookup.valueObject(valueObjectName);
  if (!valueObject) throw new UnsupportedMapping(`the value object ${valueObjectName} is unknown`, field);
  ctx.imports.add(valueObject.name, valueObject.source.file);
  const target = referencedModel(field, model);
  const wrap = (key: string): string => (raw ? key : construct(valueObject.name, valueObject.construction, () => key));
  // A reference to the same table (a parent), or to an aggregate seeded later in a cycle, is left empty.
  const keys = target && target !== model.name ? ctx.reference(target) : undefined;
  if (target && !keys) return field.type.list ? '[]' : field.nullable ? 'null' : 'undefined';
  if (!keys) return field.type.list ? `faker.helpers.multiple(() => ${wrap('faker.string.uuid()')}, { count: { min: 1, max: 3 } })` : wrap('faker.string.uuid()');
  if (field.type.list) {
    ctx.imports.add('pickSome', ctx.helpersFile);
    return `pickSome(${keys}).map((key) => ${wrap('key')})`;
  }
  ctx.imports.add('pick', ctx.helpersFile);
  return wrap(`pick(${keys}, ${tsString(`${entity.name}.${field.name}`)})`);
}

function isKey(field: FieldModel, entity: EntityModel): boolean {
  return field.tags.id === true || (field.name === 'id' && !entity.fields.some((candidate) => candidate.tags.id));
}

/** The value of one field of a new domain object (or of a composite value object's part). */
export function fieldValue(
  field: FieldModel,
  entity: EntityModel,
  model: StoredModel,
  ctx: BuildContext,
  partColumns?: ColumnField[],
  key = `${entity.name}.${field.name}`,
  raw = false,
): string {
  const type = field.type;
  const value = ((): string => {
    switch (type.kind) {
      case 'entity': {
        const relation = model.fields.find((candidate) => candidate.kind === 'relation' && candidate.name === field.name);
        if (relation?.kind === 'relation' && relation.owned) {
          const child = ctx.childBuilder(type.name);
          const items = type.list ? `faker.helpers.multiple(() => ${child}, { count: { min: 1, max: 4 } })` : child;
          if (!type.collection) return items;
          ctx.imports.add(type.collection.name, type.collection.source.file);
          return construct(type.collection.name, type.collection.construction, () => items);
        }
        throw new UnsupportedMapping(`${entity.name}.${field.name} holds ${type.name} objects of another aggregate`, field);
      }
      case 'identity':
        return identityValue(field, type.valueObject, entity, model, ctx, raw);
      case 'enum':
        return enumValue(type.name, field, ctx);
      case 'valueObject': {
        const valueObject = ctx.lookup.valueObject(type.name);
        if (!valueObject) throw new UnsupportedMapping(`the value object ${type.name} is unknown`, field);
        return valueObjectValue(valueObject, field, entity, model, ctx, raw);
      }
      case 'primitive': {
        const [column] = partColumns ?? columnsOf(model, field.name);
        if (type.primitive === 'json' && field.jsonFields) {
          // An interface stored as Json: an object of its members' values.
          const parts = field.jsonFields.filter((part) => !part.optional).map((part) => `${part.name}: ${fieldValue(part, entity, model, ctx, [], `${key}.${part.name}`)}`);
          return `{ ${parts.join(', ')} }`;
        }
        if (isKey(field, entity) && !partColumns) return type.primitive === 'string' ? 'faker.string.uuid()' : uniqueValue('faker.number.int({ min: 1, max: 2_147_483_647 })', key, ctx);
        const hint: ValueHint = { names: [field.name], kind: columnKind(column, primitiveKind[type.primitive], field.tags), owner: entity.name, declaredType: field.declaredType };
        return primitiveValue(hint, column, type.list, key, ctx, type.primitive === 'string');
      }
    }
  })();
  if (!field.optional || type.kind === 'entity') return value;
  return maybe(value, field.nullable ? 'null' : 'undefined');
}

/** `Customer.reconstitute(new CustomerId(faker.string.uuid()), Email.create(…), …)`, or an object literal for interfaces. */
export function buildEntity(entity: EntityModel, model: StoredModel, ctx: BuildContext): string {
  const stored = entity.fields.filter((field) => !field.tags.ignore);
  const value = (name: string, raw = false): string => {
    const field = entity.fields.find((candidate) => candidate.name === name);
    if (!field) throw new UnsupportedMapping(`${entity.name} is built with "${name}", which is not one of its fields`);
    return fieldValue(field, entity, model, ctx, undefined, `${entity.name}.${field.name}`, raw);
  };
  if (entity.construction.kind === 'object-literal') return `{ ${stored.map((field) => `${field.name}: ${value(field.name)}`).join(', ')} }`;
  if (entity.construction.kind === 'unavailable') throw new UnsupportedMapping(entity.construction.reason, undefined, entity.construction.hint);
  const covered = new Set(entity.construction.parameters.flatMap((parameter) => (parameter.kind === 'field' ? [parameter.field] : parameter.fields)));
  const built = construct(entity.name, entity.construction, value);
  const rest = stored.filter((field) => !covered.has(field.name));
  if (rest.length === 0 || entity.style !== 'public-fields') return built;
  return `Object.assign(${built}, { ${rest.map((field) => `${field.name}: ${value(field.name)}`).join(', ')} })`;
}
