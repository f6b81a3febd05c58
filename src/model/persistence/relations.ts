import type { EntityModel, FieldModel } from '../domain.js';
import { capitalizedName, pluralCamel, propertyName, relationFieldName } from '../names.js';

/**
 * The relations between entities, decided before any field is printed so both sides agree:
 * - `manyToOne`: `customerId: CustomerId` or `customer: Customer`: a foreign key on `from`;
 * - `owned`: `lines: OrderLine[]` where the child does not point back: the child gets a foreign key to its
 *   aggregate that the domain does not declare, and is deleted with it;
 * - `manyToMany`: lists on both sides: Prisma's implicit join table.
 */
export type RelationLink =
  | {
      kind: 'manyToOne';
      from: string;
      /** The domain field holding the reference. */
      field: FieldModel;
      held: 'identity' | 'entity';
      to: string;
      /** The list field of `to` that holds the other side, when the domain declares one. */
      backField?: string;
    }
  | { kind: 'owned'; owner: string; field: FieldModel; child: string }
  | { kind: 'manyToMany'; a: string; aField: FieldModel; b: string; bField: FieldModel };

function referencedEntity(field: FieldModel): string | undefined {
  const type = field.type;
  if (type.kind === 'entity') return type.name;
  if (type.kind === 'identity') return type.entity;
  return undefined;
}

function isKey(entity: EntityModel, field: FieldModel): boolean {
  return field.tags.id === true || (field.name === 'id' && !entity.fields.some((other) => other.tags.id));
}

/** Fields that reference one other entity (not lists, not the entity's own key). */
function singleReferences(entity: EntityModel): FieldModel[] {
  return entity.fields.filter((field) => !field.tags.ignore && !field.type.list && !isKey(entity, field) && referencedEntity(field) !== undefined);
}

function entityLists(entity: EntityModel): FieldModel[] {
  return entity.fields.filter((field) => !field.tags.ignore && field.type.kind === 'entity' && field.type.list);
}

export function findRelationLinks(entities: readonly EntityModel[]): RelationLink[] {
  const byName = new Map(entities.map((entity) => [entity.name, entity]));
  const links: RelationLink[] = [];
  const backFields = new Map<FieldModel, string>();
  const pairedLists = new Set<FieldModel>();

  for (const entity of entities) {
    for (const field of entityLists(entity)) {
      if (pairedLists.has(field) || field.type.kind !== 'entity') continue;
      const target = byName.get(field.type.name);
      if (!target) continue;
      const otherList = entityLists(target).find((other) => other !== field && other.type.kind === 'entity' && other.type.name === entity.name);
      if (otherList) {
        pairedLists.add(field).add(otherList);
        links.push({ kind: 'manyToMany', a: entity.name, aField: field, b: target.name, bField: otherList });
        continue;
      }
      const pointer = singleReferences(target).find((other) => referencedEntity(other) === entity.name && !backFields.has(other));
      if (pointer) backFields.set(pointer, field.name);
      else links.push({ kind: 'owned', owner: entity.name, field, child: target.name });
    }
  }
  for (const entity of entities) {
    for (const field of singleReferences(entity)) {
      const to = referencedEntity(field);
      if (!to || !byName.has(to)) continue;
      const backField = backFields.get(field);
      links.push({
        kind: 'manyToOne',
        from: entity.name,
        field,
        held: field.type.kind === 'identity' ? 'identity' : 'entity',
        to,
        ...(backField ? { backField } : {}),
      });
    }
  }
  return links;
}

/** The models a link joins, in a stable order. */
function pair(link: RelationLink): [string, string] {
  const [x, y] = link.kind === 'manyToOne' ? [link.from, link.to] : link.kind === 'owned' ? [link.owner, link.child] : [link.a, link.b];
  return x <= y ? [x, y] : [y, x];
}

/** Prisma needs a relation name when two relations join the same models, or a model to itself. */
export function relationNames(links: readonly RelationLink[]): Map<RelationLink, string> {
  const counts = new Map<string, number>();
  for (const link of links) counts.set(pair(link).join('/'), (counts.get(pair(link).join('/')) ?? 0) + 1);
  const names = new Map<RelationLink, string>();
  for (const link of links) {
    const [x, y] = pair(link);
    if ((counts.get(`${x}/${y}`) ?? 0) < 2 && x !== y) continue;
    const field = link.kind === 'manyToMany' ? link.aField : link.field;
    const from = link.kind === 'manyToOne' ? link.from : link.kind === 'owned' ? link.owner : link.a;
    names.set(link, `${from}${capitalizedName(relationFieldName(field.name))}`);
  }
  return names;
}

/** The name of the list field a `manyToOne` adds to its target when the domain declares none: `orders`, or `ordersAsBuyer`. */
export function backReferenceName(link: Extract<RelationLink, { kind: 'manyToOne' }>, named: boolean): string {
  const base = pluralCamel(link.from);
  return named ? `${base}As${capitalizedName(relationFieldName(link.field.name))}` : base;
}

/** The foreign key field a child gets for its owning aggregate: `orderId` with a relation `order`. */
export function ownerKeyNames(owner: string): { key: string; relation: string } {
  const relation = propertyName(owner);
  return { key: `${relation}Id`, relation };
}
