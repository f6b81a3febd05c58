import type { EntityModel, FieldModel } from '../domain.js';
import { entityNames, relationFieldName } from '../names.js';
import { column, valueColumns } from './columns.js';
import { keyFields, storedFields, type PlanningContext } from './context.js';
import { backReferenceName, ownerKeyNames, type RelationLink } from './relations.js';
import type { ColumnField, ModelField, RelationField, StoredModel } from './types.js';
import { planVersion } from './version.js';

/** Everything the model builder needs to know about the relations, computed once for all entities. */
export interface RelationIndex {
  links: readonly RelationLink[];
  names: ReadonlyMap<RelationLink, string>;
  /** The key column of each entity, for the type of foreign keys pointing to it. */
  keyColumns: ReadonlyMap<string, ColumnField>;
}

const keyDefaults = { uuid: 'uuid()', cuid: 'cuid()' } as const;

/** The key column of an entity, with the default the id strategy gives it. */
export function keyColumn(entity: EntityModel, ctx: PlanningContext): ColumnField | undefined {
  const keys = keyFields(entity);
  const [field] = keys;
  if (!field || keys.length > 1) return undefined;
  const [columnField] = valueColumns(field, ctx);
  if (!columnField) return undefined;
  return { ...columnField, id: true, ...(columnField.default === undefined ? keyDefault(columnField, ctx) : {}) };
}

function keyDefault(key: ColumnField, ctx: PlanningContext): { default?: string } {
  if (key.type === 'Int' || key.type === 'BigInt') return { default: 'autoincrement()' };
  if (key.type === 'String' && ctx.options.idStrategy !== 'autoincrement') return { default: keyDefaults[ctx.options.idStrategy] };
  return {};
}

/** A foreign key column typed like the key it references. */
function foreignKey(name: string, target: ColumnField, optional: boolean, origin: ColumnField['origin'], ctx: PlanningContext): ColumnField {
  const fk = column({ name, type: target.type, list: false, optional, tags: {}, origin }, ctx);
  return target.nativeType ? { ...fk, nativeType: target.nativeType } : fk;
}

export function buildStoredModel(entity: EntityModel, relations: RelationIndex, ctx: PlanningContext): StoredModel {
  const fields: ModelField[] = [];
  const indexes: string[][] = [];
  const keys = keyFields(entity);
  const taken = new Set(entity.fields.map((field) => field.name));
  const uniqueName = (name: string): string => {
    let candidate = name;
    while (taken.has(candidate)) candidate = `${candidate}Ref`;
    taken.add(candidate);
    return candidate;
  };

  for (const field of storedFields(entity)) {
    if (keys.includes(field)) {
      const key = keys.length === 1 ? keyColumn(entity, ctx) : undefined;
      fields.push(...(key ? [key] : valueColumns(field, ctx).map((c) => ({ ...c, id: true }))));
      continue;
    }
    const link = relations.links.find((l) => (l.kind === 'manyToOne' && l.from === entity.name && l.field === field) || (l.kind !== 'manyToOne' && linkField(l, entity.name) === field));
    if (link?.kind === 'manyToOne') {
      fields.push(...manyToOneFields(link, relations, uniqueName, ctx));
      indexes.push([fieldNameOfForeignKey(link)]);
    } else if (link) {
      fields.push(listRelation(field, link, relations));
    } else if (field.type.kind === 'entity' && field.type.list) {
      const back = relations.links.find((l) => l.kind === 'manyToOne' && l.to === entity.name && l.backField === field.name);
      if (back) fields.push(listRelation(field, back, relations));
    } else {
      fields.push(...valueColumns(field, ctx));
    }
  }
  for (const link of relations.links) {
    if (link.kind === 'owned' && link.child === entity.name) {
      const owner = ownerKeyNames(link.owner);
      fields.push(...ownerKeyFields(link, owner, relations, ctx));
      indexes.push([owner.key]);
      if (link.field.type.list) fields.push(positionColumn(link, uniqueName(taken.has('position') ? 'listPosition' : 'position'), ctx));
    }
    if (link.kind === 'manyToOne' && link.to === entity.name && !link.backField) {
      const name = uniqueName(backReferenceName(link, relations.names.has(link)));
      fields.push(relationField({ name, model: link.from, list: true, optional: false }, relations.names.get(link)));
    }
  }
  const owner = ownerOf(entity, relations);
  const version = planVersion(entity, fields, owner.owner !== undefined, ctx);
  return {
    name: entity.name,
    names: entityNames(entity.name, ctx.options.naming, entity.table),
    source: entity.source,
    fields,
    primaryKey: keys.map((key) => key.name),
    indexes,
    ...owner,
    ...(version && { version }),
    fieldLocations: Object.fromEntries(entity.fields.map((field) => [field.name, field.location])),
  };
}

function ownerOf(entity: EntityModel, relations: RelationIndex): { owner?: string } {
  const link = relations.links.find((l) => l.kind === 'owned' && l.child === entity.name);
  return link?.kind === 'owned' ? { owner: link.owner } : {};
}

function linkField(link: RelationLink, entity: string): FieldModel | undefined {
  if (link.kind === 'owned') return link.owner === entity ? link.field : undefined;
  if (link.kind === 'manyToMany') return link.a === entity ? link.aField : link.b === entity ? link.bField : undefined;
  return undefined;
}

function fieldNameOfForeignKey(link: Extract<RelationLink, { kind: 'manyToOne' }>): string {
  return link.held === 'identity' ? link.field.name : `${link.field.name}Id`;
}

function relationField(spec: Pick<RelationField, 'name' | 'model' | 'list' | 'optional'> & Partial<RelationField>, relationName?: string): RelationField {
  return { domain: { kind: 'none' }, owned: false, ...spec, kind: 'relation', ...(relationName ? { relationName } : {}) };
}

function manyToOneFields(
  link: Extract<RelationLink, { kind: 'manyToOne' }>,
  relations: RelationIndex,
  uniqueName: (name: string) => string,
  ctx: PlanningContext,
): ModelField[] {
  const target = relations.keyColumns.get(link.to);
  if (!target) return [];
  const optional = link.field.optional;
  const fkName = fieldNameOfForeignKey(link);
  const fk =
    link.held === 'identity'
      ? { ...valueColumns(link.field, ctx)[0]!, type: target.type, ...(target.nativeType ? { nativeType: target.nativeType } : {}) }
      : foreignKey(fkName, target, optional, { kind: 'reference', path: { field: link.field.name }, entity: link.to }, ctx);
  const name = link.held === 'identity' ? uniqueName(relationFieldName(link.field.name)) : link.field.name;
  const relation = relationField(
    {
      name,
      model: link.to,
      list: false,
      optional,
      foreignKey: { fields: [fkName], references: [target.name], ...(optional ? { onDelete: 'SetNull' as const } : {}) },
      domain: { kind: link.held, field: link.field.name },
    },
    relations.names.get(link),
  );
  return [fk, relation];
}

function listRelation(field: FieldModel, link: RelationLink, relations: RelationIndex): RelationField {
  const model = field.type.kind === 'entity' ? field.type.name : '';
  return relationField(
    { name: field.name, model, list: true, optional: false, domain: { kind: 'entity', field: field.name }, owned: link.kind === 'owned' },
    relations.names.get(link),
  );
}

/** The column keeping the domain's order of an owned list: 0 for rows written before it existed, which then come in key order. */
function positionColumn(link: Extract<RelationLink, { kind: 'owned' }>, name: string, ctx: PlanningContext): ColumnField {
  return column({ name, type: 'Int', list: false, optional: false, tags: { default: '0' }, origin: { kind: 'position', owner: link.owner, ownerField: link.field.name } }, ctx);
}

function ownerKeyFields(link: Extract<RelationLink, { kind: 'owned' }>, owner: { key: string; relation: string }, relations: RelationIndex, ctx: PlanningContext): ModelField[] {
  const target = relations.keyColumns.get(link.owner);
  if (!target) return [];
  return [
    foreignKey(owner.key, target, false, { kind: 'ownerKey', owner: link.owner, ownerField: link.field.name }, ctx),
    relationField(
      { name: owner.relation, model: link.owner, list: false, optional: false, foreignKey: { fields: [owner.key], references: [target.name], onDelete: 'Cascade' } },
      relations.names.get(link),
    ),
  ];
}
