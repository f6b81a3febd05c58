// Expressions that turn a domain object into the values of its row (domain → Prisma).
import { accessExpression, type EntityModel, type FieldModel, type ValueObjectModel } from '../../model/domain.js';
import type { ColumnField } from '../../model/persistence/index.js';
import { memberName, readField, UnsupportedMapping, type DomainLookup } from './domain-lookup.js';
import { convertEnum } from './enum-conversion.js';
import { jsonOf } from './json-expressions.js';

export interface RecordContext {
  lookup: DomainLookup;
  entity: EntityModel;
  /** The variable holding the domain object. */
  object: string;
  /** The variable holding the owning aggregate's key, for a child's foreign key. */
  ownerKey?: string;
  /** The variable holding a child's place in its aggregate's list, for its position column. */
  position?: string;
  /** Called when an expression needs `Prisma` (Json null) at run time. */
  usesPrismaValue(): void;
  /** Imports the checked enum conversion (enum-member.ts) and returns its name. */
  enumHelper(): string;
}

function domainField(ctx: RecordContext, name: string): FieldModel {
  const field = ctx.entity.fields.find((candidate) => candidate.name === name);
  if (!field) throw new UnsupportedMapping(`${ctx.entity.name} has no field ${name}`);
  return field;
}

function singleAccessor(valueObject: ValueObjectModel | undefined, name: string): string {
  const accessor = valueObject?.shape.kind === 'single' ? accessExpression(valueObject.shape.accessor) : undefined;
  if (accessor) return accessor;
  throw new UnsupportedMapping(`the value object ${name} does not expose its value`, undefined, `add a \`get value()\` to ${name}`);
}

function partOf(valueObject: ValueObjectModel | undefined, part: string): FieldModel {
  const field = valueObject?.shape.kind === 'composite' ? valueObject.shape.fields.find((candidate) => candidate.name === part) : undefined;
  if (!field) throw new UnsupportedMapping(`the value object ${valueObject?.name ?? '?'} has no readable field ${part}`);
  return field;
}

/** Prisma's inputs take mutable arrays: a `readonly T[]` field is copied (`[...tags]`). */
function mutableCopy(expression: string, field: FieldModel): string {
  if (!field.type.list || !/^(readonly\s|ReadonlyArray<)/.test(field.declaredType.bareText)) return expression;
  return field.optional ? `(${expression} && [...${expression}])` : `[...${expression}]`;
}

/** `a.b` when `a` is always there, `a?.b` when it may be missing. */
const step = (expression: string, optional: boolean, member: string): string => `${expression}${optional ? '?.' : '.'}${member}`;

export function recordValue(column: ColumnField, ctx: RecordContext): string {
  const origin = column.origin;
  if (origin.kind === 'ownerKey') {
    if (!ctx.ownerKey) throw new UnsupportedMapping(`${ctx.entity.name} is saved only through its aggregate ${origin.owner}`);
    return ctx.ownerKey;
  }
  if (origin.kind === 'position') {
    if (!ctx.position) throw new UnsupportedMapping(`${ctx.entity.name} is saved only through its aggregate ${origin.owner}`);
    return ctx.position;
  }
  if (origin.kind === 'version') throw new UnsupportedMapping(`${ctx.entity.name}'s version is written by its repository, not read from the ${ctx.entity.name}`);
  const field = domainField(ctx, origin.path.field);
  const base = readField(ctx.object, field, ctx.entity.name);
  const nullable = (expression: string) => (column.optional ? `${expression} ?? null` : expression);
  switch (origin.kind) {
    case 'value': {
      const conversion = !origin.path.part && field.type.kind === 'enum' ? ctx.lookup.enumConversion(field.type.name) : undefined;
      if (conversion) return convertEnum(base, conversion, 'toPrisma', ctx.enumHelper(), { list: field.type.list, optional: field.optional, missing: 'null' });
      if (!origin.path.part) return column.type === 'Json' ? jsonValue(base, field.optional, ctx, isObjectType(field)) : nullable(mutableCopy(base, field));
      const valueObject = field.type.kind === 'valueObject' ? ctx.lookup.valueObject(field.type.name) : undefined;
      const part = partOf(valueObject, origin.path.part);
      return nullable(step(base, field.optional, memberName(part, valueObject!.name)));
    }
    case 'valueObject': {
      const valueObject = ctx.lookup.valueObject(origin.valueObject);
      const accessor = singleAccessor(valueObject, origin.valueObject);
      if (origin.path.part) {
        const owner = field.type.kind === 'valueObject' ? ctx.lookup.valueObject(field.type.name) : undefined;
        const part = partOf(owner, origin.path.part);
        return nullable(step(step(base, field.optional, memberName(part, owner!.name)), field.optional || part.optional, accessor));
      }
      if (field.type.list) return `${base}.map((item) => item.${accessor})`;
      return nullable(step(base, field.optional, accessor));
    }
    case 'json': {
      if (!origin.path.part) return jsonValue(jsonOf(base, field.type, field.optional, ctx.lookup), field.optional, ctx);
      // A composite part of an embedded value object (`address.street: Street`), in a Json column of its own.
      const owner = field.type.kind === 'valueObject' ? ctx.lookup.valueObject(field.type.name) : undefined;
      const part = partOf(owner, origin.path.part);
      const optional = field.optional || part.optional;
      return jsonValue(jsonOf(step(base, field.optional, memberName(part, owner!.name)), part.type, optional, ctx.lookup), optional, ctx);
    }
    case 'reference': {
      const target = ctx.lookup.model(origin.entity);
      const key = target.fields.find((candidate) => candidate.kind === 'column' && candidate.id);
      const keyExpression =
        key?.kind === 'column' && key.origin.kind === 'valueObject'
          ? `id.${singleAccessor(ctx.lookup.valueObject(key.origin.valueObject), key.origin.valueObject)}`
          : 'id';
      return nullable(step(base, field.optional, keyExpression));
    }
  }
}

/**
 * An interface or object type alias has no index signature, so TypeScript refuses it as `InputJsonValue` directly:
 * it goes through `unknown` (the mapper reads it back through a checked conversion).
 */
function isObjectType(field: FieldModel): boolean {
  const { target } = field.declaredType;
  return target.kind === 'other' && !['unknown', 'any', 'object'].includes(field.declaredType.bareText);
}

function jsonValue(expression: string, optional: boolean, ctx: RecordContext, throughUnknown = false): string {
  const cast = throughUnknown ? 'as unknown as' : 'as';
  if (!optional) return `${expression} ${cast} Prisma.InputJsonValue`;
  ctx.usesPrismaValue();
  return `(${expression} ?? Prisma.JsonNull) ${cast} Prisma.InputJsonValue | typeof Prisma.JsonNull`;
}
