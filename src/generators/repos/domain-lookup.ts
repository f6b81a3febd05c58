import { accessExpression, type DomainModel, type EntityModel, type EnumModel, type FieldModel, type ValueObjectModel } from '../../model/domain.js';
import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';

/** One problem that stops a repository from being generated, reported as a diagnostic by the caller. */
export class UnsupportedMapping extends Error {
  constructor(
    message: string,
    readonly field?: FieldModel,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface EnumConversion {
  name: string;
  members: { value: string; member: string }[];
}

/** Name lookups over the domain and persistence models, shared by the repository planners. */
export class DomainLookup {
  constructor(
    readonly domain: DomainModel,
    readonly persistence: PersistenceModel,
  ) {}

  entity(name: string): EntityModel {
    const entity = this.domain.entities.find((candidate) => candidate.name === name);
    if (!entity) throw new UnsupportedMapping(`no entity named ${name}`);
    return entity;
  }

  model(name: string): StoredModel {
    const model = this.persistence.models.find((candidate) => candidate.name === name);
    if (!model) throw new UnsupportedMapping(`no stored model for ${name}`);
    return model;
  }

  valueObject(name: string): ValueObjectModel | undefined {
    return this.domain.valueObjects.find((candidate) => candidate.name === name);
  }

  enum(name: string): EnumModel | undefined {
    return this.domain.enums.find((candidate) => candidate.name === name);
  }

  /**
   * The domain values of a stored enum with the Prisma member holding each, when some value is not an identifier
   * and so is stored under another member name (`'in-progress'` → `in_progress`): the mapper converts both ways.
   */
  enumConversion(name: string): EnumConversion | undefined {
    const stored = this.persistence.enums.find((candidate) => candidate.name === name);
    if (!stored || stored.members.every((member) => member.name === member.value)) return undefined;
    return { name: stored.name, members: stored.members.map((member) => ({ value: member.value, member: member.name })) };
  }

  /** The children an aggregate saves and loads with itself (`lines: OrderLine[]`). */
  ownedChildren(model: StoredModel): { field: string; child: StoredModel }[] {
    return model.fields.flatMap((field) => (field.kind === 'relation' && field.owned ? [{ field: field.name, child: this.model(field.model) }] : []));
  }
}

/** The property through which a field is read (`status`), or a clear refusal when the domain gives none. */
export function memberName(field: FieldModel, owner: string): string {
  const accessor = accessExpression(field.accessor);
  if (accessor === undefined) {
    throw new UnsupportedMapping(
      `${owner}.${field.name} is stored but cannot be read from a ${owner}`,
      field,
      `add a getter \`get ${field.name}()\` to ${owner}, or tag the field @ignore`,
    );
  }
  return accessor;
}

/** `order.status`, or a clear refusal when the domain gives no way to read the field. */
export function readField(objectExpression: string, field: FieldModel, owner: string): string {
  return `${objectExpression}.${memberName(field, owner)}`;
}
