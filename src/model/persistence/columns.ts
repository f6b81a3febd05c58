import type { FieldModel, FieldTags, Primitive } from '../domain.js';
import { columnName, joinFieldNames } from '../names.js';
import type { PlanningContext } from './context.js';
import type { ColumnField, ColumnOrigin, DomainPath, PrismaScalar } from './types.js';

const scalarOfPrimitive: Record<Primitive, PrismaScalar> = {
  string: 'String',
  number: 'Int',
  boolean: 'Boolean',
  Date: 'DateTime',
  bigint: 'BigInt',
  json: 'Json',
};

/** `number` is `Int` unless the field says `@float` or `@decimal`. */
export function scalarType(primitive: Primitive, tags: FieldTags): PrismaScalar {
  if (tags.json) return 'Json';
  // A decimal held as text (`amount: string`, to keep every digit) is a Decimal column too.
  if ((primitive === 'number' || primitive === 'string') && tags.decimal) return 'Decimal';
  if (primitive === 'number' && tags.float) return 'Float';
  return scalarOfPrimitive[primitive];
}

interface ColumnSpec {
  name: string;
  type: ColumnField['type'];
  list: boolean;
  optional: boolean;
  tags: FieldTags;
  origin: ColumnOrigin;
}

export function column(spec: ColumnSpec, ctx: PlanningContext): ColumnField {
  const { naming } = ctx.options;
  const dbName = spec.tags.map ?? columnName(spec.name, naming);
  const isJson = spec.type === 'Json';
  return {
    kind: 'column',
    name: spec.name,
    ...(dbName !== spec.name ? { column: dbName } : {}),
    type: spec.type,
    // Prisma has no optional lists, and a Json column holds a whole list itself.
    list: spec.list && !isJson,
    optional: spec.optional && !(spec.list && !isJson),
    id: Boolean(spec.tags.id),
    unique: Boolean(spec.tags.unique),
    index: Boolean(spec.tags.index),
    ...(spec.tags.default !== undefined ? { default: spec.tags.default } : {}),
    ...(spec.tags.db !== undefined ? { nativeType: spec.tags.db } : {}),
    origin: spec.origin,
  };
}

/**
 * The columns that store one field that is not a relation: a primitive or enum as itself, a single-value
 * value object as its primitive, a composite one as prefixed columns or Json.
 */
export function valueColumns(field: FieldModel, ctx: PlanningContext): ColumnField[] {
  const path: DomainPath = { field: field.name };
  const base = { name: field.name, list: field.type.list, optional: field.optional, tags: field.tags };
  const type = field.type;
  switch (type.kind) {
    case 'primitive':
      return [column({ ...base, type: scalarType(type.primitive, field.tags), origin: { kind: 'value', path } }, ctx)];
    case 'enum':
      return [column({ ...base, type: field.tags.json ? 'Json' : { enum: type.name }, origin: { kind: 'value', path } }, ctx)];
    case 'identity':
      return [identityColumn(field, type.valueObject, ctx)];
    case 'valueObject':
      return valueObjectColumns(field, type.name, ctx);
    case 'entity':
      return [];
  }
}

function identityColumn(field: FieldModel, valueObject: string, ctx: PlanningContext): ColumnField {
  const shape = ctx.valueObject(valueObject)?.shape;
  const primitive = shape?.kind === 'single' ? shape.primitive : 'string';
  return column(
    {
      name: field.name,
      list: field.type.list,
      optional: field.optional,
      tags: field.tags,
      type: scalarType(primitive, field.tags),
      origin: { kind: 'valueObject', path: { field: field.name }, valueObject },
    },
    ctx,
  );
}

function valueObjectColumns(field: FieldModel, name: string, ctx: PlanningContext): ColumnField[] {
  const valueObject = ctx.valueObject(name);
  const base = { name: field.name, list: false, optional: field.optional, tags: field.tags };
  const asJson = (): ColumnField[] => [
    column({ ...base, type: 'Json', tags: { ...field.tags, json: true }, origin: { kind: 'json', path: { field: field.name }, valueObject: name } }, ctx),
  ];
  if (!valueObject || field.tags.json) return asJson();
  const shape = valueObject.shape;
  // Arrays of value objects: of single-value ones, a scalar list (`String[]`); of composite ones, one Json array.
  if (shape.kind === 'single') {
    return [
      column(
        { ...base, list: field.type.list, type: scalarType(shape.primitive, field.tags), origin: { kind: 'valueObject', path: { field: field.name }, valueObject: name } },
        ctx,
      ),
    ];
  }
  if (field.type.list || ctx.options.valueObjectStorage === 'json') return asJson();
  return shape.fields.flatMap((part) => embeddedColumns(field, part, ctx));
}

/** One part of a composite value object, stored in its own prefixed column (`shippingAddressStreet`). */
function embeddedColumns(owner: FieldModel, part: FieldModel, ctx: PlanningContext): ColumnField[] {
  const path: DomainPath = { field: owner.name, part: part.name };
  const name = joinFieldNames(owner.name, part.name);
  const optional = owner.optional || part.optional;
  const tags: FieldTags = { ...part.tags, id: false, unique: false, map: undefined };
  const type = part.type;
  if (type.kind === 'primitive') {
    return [column({ name, list: type.list, optional, tags, type: scalarType(type.primitive, part.tags), origin: { kind: 'value', path } }, ctx)];
  }
  if (type.kind === 'enum') {
    return [column({ name, list: type.list, optional, tags, type: { enum: type.name }, origin: { kind: 'value', path } }, ctx)];
  }
  const nested = type.kind === 'valueObject' || type.kind === 'identity' ? ctx.valueObject(type.kind === 'valueObject' ? type.name : type.valueObject) : undefined;
  if (nested?.shape.kind === 'single' && !type.list) {
    return [
      column({ name, list: false, optional, tags, type: scalarType(nested.shape.primitive, part.tags), origin: { kind: 'valueObject', path, valueObject: nested.name } }, ctx),
    ];
  }
  return [column({ name, list: false, optional, tags: { ...tags, json: true }, type: 'Json', origin: { kind: 'json', path } }, ctx)];
}
