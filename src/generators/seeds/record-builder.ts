// The Prisma `data` of one row with faker values, for entities seeded without a repository.
import type { EntityModel } from '../../model/domain.js';
import type { ColumnField, RelationField, StoredModel } from '../../model/persistence/index.js';
import type { DomainLookup } from '../repos/domain-lookup.js';
import type { ImportSet } from '../repos/imports.js';
import { columnKind, uniqueValue } from './domain-builder.js';
import { fakerList, fakerValue, maxLengthOf, maybe, type ValueHint, type ValueKind } from './value-choice.js';
import { tsString } from '../../render/literals.js';

export interface RecordContext {
  lookup: DomainLookup;
  imports: ImportSet;
  helpersFile: string;
  /** The expression holding the keys of already-seeded `model`s; undefined when that model is not seeded before this one. */
  reference(model: string, required: boolean): string | undefined;
}

export interface PlannedRecord {
  /** `key: value` entries of the create input. */
  entries: string[];
  /** Owned children left out of direct inserts, for a note. */
  skippedChildren: string[];
}

const scalarKind: Record<string, ValueKind> = { String: 'string', Int: 'int', Float: 'float', Decimal: 'decimal', Boolean: 'boolean', DateTime: 'Date', BigInt: 'bigint', Json: 'json' };

function foreignKeyRelation(model: StoredModel, column: ColumnField): RelationField | undefined {
  return model.fields.find((field): field is RelationField => field.kind === 'relation' && (field.foreignKey?.fields.includes(column.name) ?? false));
}

function columnValue(column: ColumnField, model: StoredModel, entity: EntityModel | undefined, ctx: RecordContext): string | undefined {
  const relation = foreignKeyRelation(model, column);
  if (relation) {
    // A reference to the same table (a parent) is left empty.
    if (relation.model === model.name) return undefined;
    const keys = ctx.reference(relation.model, !column.optional);
    if (!keys) return undefined;
    ctx.imports.add('pick', ctx.helpersFile);
    const picked = `pick(${keys}, ${tsString(`${model.name}.${column.name}`)})`;
    return column.optional ? maybe(picked, 'null') : picked;
  }
  if (column.id) return column.type === 'String' ? 'faker.string.uuid()' : column.default?.startsWith('autoincrement') ? undefined : uniqueValue('faker.number.int({ min: 1, max: 2_147_483_647 })', `${model.name}.${column.name}`, ctx);
  let value: string;
  if (typeof column.type === 'object') {
    const stored = ctx.lookup.persistence.enums.find((candidate) => candidate.name === (column.type as { enum: string }).enum);
    const members = `[${(stored?.members ?? []).map((member) => tsString(member.name)).join(', ')}] as const`;
    value = column.list ? `faker.helpers.arrayElements(${members})` : `faker.helpers.arrayElement(${members})`;
  } else {
    const origin = column.origin;
    const field = 'path' in origin ? entity?.fields.find((candidate) => candidate.name === origin.path.field) : undefined;
    const names = 'path' in origin ? [column.name, ...(origin.path.part ? [origin.path.part] : []), origin.path.field] : [column.name];
    const hint: ValueHint = {
      names,
      kind: columnKind(column, scalarKind[column.type] ?? 'string'),
      owner: model.name,
      ...(maxLengthOf(column.nativeType) !== undefined ? { maxLength: maxLengthOf(column.nativeType)! } : {}),
      ...(field ? { declaredType: field.declaredType } : {}),
    };
    value = column.list && column.type !== 'Json' ? fakerList(hint) : fakerValue(hint);
    if (column.unique && !column.list) value = uniqueValue(value, `${model.name}.${column.name}`, ctx);
  }
  return column.optional ? maybe(value, 'null') : value;
}

/** A many-to-many relation Prisma keeps in its own join table (`Product.categories` ↔ `Category.products`). */
function implicitManyToMany(field: RelationField, model: StoredModel, lookup: DomainLookup): boolean {
  if (!field.list || field.foreignKey) return false;
  const other = lookup.persistence.models.find((candidate) => candidate.name === field.model);
  return (other?.fields.some((candidate) => candidate.kind === 'relation' && candidate.model === model.name && candidate.list && !candidate.foreignKey && candidate.relationName === field.relationName) ?? false);
}

/** The create input of one row: every column with a faker value, references picked among seeded keys. */
export function planRecord(model: StoredModel, entity: EntityModel | undefined, ctx: RecordContext): PlannedRecord {
  const entries: string[] = [];
  const skippedChildren: string[] = [];
  for (const field of model.fields) {
    if (field.kind === 'column') {
      // The owner's key is set by the seed's nesting, a repository's version column and a child's position by their defaults.
      if (field.origin.kind === 'ownerKey' || field.origin.kind === 'version' || field.origin.kind === 'position') continue;
      const value = columnValue(field, model, entity, ctx);
      if (value !== undefined) entries.push(`${field.name}: ${value}`);
      continue;
    }
    if (field.owned) skippedChildren.push(field.name);
    else if (implicitManyToMany(field, model, ctx.lookup)) {
      const keys = ctx.reference(field.model, false);
      if (!keys) continue;
      const target = ctx.lookup.model(field.model);
      const key = target.fields.find((candidate) => candidate.kind === 'column' && candidate.id)?.name ?? 'id';
      ctx.imports.add('pickSome', ctx.helpersFile);
      entries.push(`${field.name}: { connect: pickSome(${keys}).map((key) => ({ ${key}: key })) }`);
    }
  }
  return { entries, skippedChildren };
}
