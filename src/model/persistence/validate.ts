import type { EntityModel } from '../domain.js';
import { isPrismaIdentifier } from '../names.js';
import { keyFields, type PlanningContext } from './context.js';
import type { ColumnField, StoredEnum, StoredModel } from './types.js';

const identifierHint = 'Prisma names start with an ASCII letter and hold only letters, digits and underscores; rename it, or give the table or column another name with @table(...) / @map(...)';

export function checkKeys(entity: EntityModel, ctx: PlanningContext): void {
  if (keyFields(entity).length > 0) return;
  ctx.error({
    code: 'IG201',
    message: `entity ${entity.name} has no id: a stored entity needs a field named "id" or one tagged @id`,
    location: entity.source,
    hint: 'add an `id` field (e.g. `readonly id: string`), or tag the identifying field with /** @id */',
  });
}

/**
 * Names every object already has: Prisma Client's generated types (`select`, `include`, inputs) declare a key per
 * field, and one of these clashes with the inherited member, so no call of the model type-checks.
 */
const objectMemberNames = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export function checkIdentifiers(model: StoredModel, entity: EntityModel, ctx: PlanningContext): void {
  if (!isPrismaIdentifier(model.name)) {
    ctx.error({ code: 'IG203', message: `entity name "${model.name}" is not a valid Prisma model name`, location: entity.source, hint: identifierHint });
  }
  for (const field of model.fields) {
    const clashes = objectMemberNames.has(field.name);
    if (isPrismaIdentifier(field.name) && !clashes) continue;
    const domainField = entity.fields.find((candidate) => field.name.startsWith(candidate.name));
    ctx.error({
      code: 'IG203',
      message: clashes
        ? `field "${field.name}" of ${model.name} is named like a member every object has; Prisma Client's types for ${model.name} could not be used`
        : `field "${field.name}" of ${model.name} is not a valid Prisma field name`,
      location: domainField?.location ?? entity.source,
      hint: clashes ? `rename the field (e.g. ${field.name.replace(/^_+/, '')}Value), or tag it @ignore if it is not state` : identifierHint,
    });
  }
}

/**
 * Two fields stored in one column (`@map("code")` on both, or a `@map` naming another field's column): Prisma's own
 * message names neither the column nor the first field, so the clash is named here, at the second field.
 */
export function checkDuplicateColumns(model: StoredModel, entity: EntityModel, ctx: PlanningContext): void {
  const seen = new Map<string, ColumnField>();
  const domainField = (field: ColumnField) => {
    const { origin } = field;
    return 'path' in origin ? entity.fields.find((candidate) => candidate.name === origin.path.field) : undefined;
  };
  for (const field of model.fields) {
    if (field.kind !== 'column') continue;
    const columnName = field.column ?? field.name;
    const first = seen.get(columnName);
    if (first === undefined) {
      seen.set(columnName, field);
      continue;
    }
    // The field whose @map names the column is the one to change.
    const mapped = [field, first].map(domainField).find((candidate) => candidate?.tags.map !== undefined) ?? domainField(field);
    ctx.error({
      code: 'IG207',
      message: `${model.name}.${first.name} and ${model.name}.${field.name} are both stored in the column "${columnName}" of "${model.names.table}"`,
      location: mapped?.location ?? entity.source,
      hint: 'give one of them another column with /** @map("...") */, or drop the @map that names the other field\'s column',
    });
  }
}

/** PostgreSQL's limit on the columns of one table. */
export const maxColumns = 1600;

export function checkColumnCount(model: StoredModel, entity: EntityModel, ctx: PlanningContext): void {
  const columns = model.fields.filter((field) => field.kind === 'column').length;
  if (columns <= maxColumns) return;
  ctx.error({
    code: 'IG205',
    message: `${model.name} would need ${columns} columns in "${model.names.table}", over PostgreSQL's limit of ${maxColumns}`,
    location: entity.source,
    hint: 'store large value objects as Json (@json, or valueObjectStorage: "json"), or split the entity',
  });
}

export function checkEnumIdentifiers(stored: StoredEnum, ctx: PlanningContext): void {
  if (!isPrismaIdentifier(stored.name)) {
    ctx.error({ code: 'IG203', message: `enum name "${stored.name}" is not a valid Prisma enum name`, location: stored.location, hint: identifierHint });
  }
  for (const member of stored.members) {
    if (isPrismaIdentifier(member.name)) continue;
    ctx.error({
      code: 'IG203',
      message: `enum ${stored.name} member "${member.value}" cannot be a Prisma enum member`,
      location: stored.location,
      hint: 'use values that are identifiers, or a TS enum whose member names are',
    });
  }
}

export function checkDuplicateTables(models: readonly StoredModel[], ctx: PlanningContext): void {
  const seen = new Map<string, StoredModel>();
  for (const model of models) {
    const first = seen.get(model.names.table);
    if (!first) {
      seen.set(model.names.table, model);
      continue;
    }
    ctx.error({
      code: 'IG202',
      message: `${first.name} (${first.source.file}) and ${model.name} both map to the table "${model.names.table}"`,
      location: model.source,
      hint: `give one of them another table with /** @table("...") */ on the class`,
    });
  }
}

export function checkRelationTargets(entity: EntityModel, ctx: PlanningContext): void {
  for (const field of entity.fields) {
    const type = field.type;
    const target = type.kind === 'entity' ? type.name : type.kind === 'identity' && field.name !== 'id' && !field.tags.id ? type.entity : undefined;
    if (!target || type.list && type.kind === 'identity') continue;
    const targetEntity = ctx.entity(target);
    if (targetEntity && keyFields(targetEntity).length > 1) {
      ctx.error({
        code: 'IG204',
        message: `${entity.name}.${field.name} references ${target}, whose key has several fields: relations to composite keys are not supported yet`,
        location: field.location,
        hint: `give ${target} a single id field, or store the reference as plain fields and tag this one @ignore`,
      });
    }
  }
}
