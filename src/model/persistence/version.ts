// Optimistic concurrency: which aggregates carry a version, and the column that stores it.
import type { EntityModel, FieldModel } from '../domain.js';
import { column } from './columns.js';
import { storedFields, type PlanningContext } from './context.js';
import type { ColumnField, ModelField, VersionColumn } from './types.js';

/** Versioned on request (`@versioned`, the config's `versioned`), or because a field is tagged `@version`. */
function versionRequested(entity: EntityModel, ctx: PlanningContext): boolean {
  return entity.versioned === true || ctx.options.versioned.includes(entity.name);
}

/** The domain's own version: the field tagged `@version`, else, on a versioned aggregate, a `version` number. */
function versionField(entity: EntityModel, requested: boolean): FieldModel | undefined {
  const fields = storedFields(entity);
  const tagged = fields.find((field) => field.tags.version);
  if (tagged || !requested) return tagged;
  return fields.find((field) => field.name === 'version' && field.type.kind === 'primitive' && field.type.primitive === 'number');
}

/** Why a domain field cannot hold the version the repository checks and advances, if it cannot. */
function unusableVersionField(field: FieldModel): string | undefined {
  if (field.type.kind !== 'primitive' || field.type.primitive !== 'number' || field.type.list || field.tags.float || field.tags.decimal || field.tags.json)
    return 'it is not a whole number (Int)';
  if (field.optional) return 'it is optional';
  // The repository reads it as `aggregate.field` and assigns the new version back to it after a save.
  if (field.accessor.kind !== 'property') return 'it is not read as a property (a field or a getter)';
  return undefined;
}

/**
 * The version of an aggregate that has one: the column of its `@version` field, or a `version Int @default(0)`
 * column the domain does not hold. `fields` gets that column; owned children are saved through their aggregate's version.
 */
export function planVersion(entity: EntityModel, fields: ModelField[], owned: boolean, ctx: PlanningContext): VersionColumn | undefined {
  const requested = versionRequested(entity, ctx);
  const field = versionField(entity, requested);
  if (owned || (!field && !requested)) return undefined;
  if (field) {
    const problem = unusableVersionField(field);
    const stored = fields.find(
      (candidate): candidate is ColumnField =>
        candidate.kind === 'column' && candidate.origin.kind === 'value' && candidate.origin.path.field === field.name && !candidate.origin.path.part,
    );
    if (problem || !stored) {
      ctx.error({
        code: 'IG206',
        message: `${entity.name}.${field.name} cannot be the aggregate's version: ${problem ?? 'it is not stored in a column of its own'}`,
        location: field.location,
        hint: `declare it as a public \`${field.name}: number\` field, or remove @version and tag the class @versioned: the repository then keeps the version itself`,
      });
      return undefined;
    }
    return { column: stored.name, field: field.name };
  }
  const taken = new Set(fields.map((candidate) => candidate.name));
  const name = taken.has('version') ? 'rowVersion' : 'version';
  fields.push(column({ name, type: 'Int', list: false, optional: false, tags: { default: '0' }, origin: { kind: 'version' } }, ctx));
  return { column: name };
}
