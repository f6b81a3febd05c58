import type { EntityModel } from '../../model/domain.js';
import type { ColumnField, StoredModel } from '../../model/persistence/index.js';
import { construct, domainValue, rawDomainValue, rowFailure, type DomainContext } from './domain-expressions.js';
import { UnsupportedMapping, type DomainLookup } from './domain-lookup.js';
import type { ImportSet } from './imports.js';
import { recordValue, type RecordContext } from './record-expressions.js';

/** The functions that map one entity between its row and its domain object. */
export interface EntityMapperView {
  entity: string;
  model: string;
  /** `OrderRow`, and the Prisma type it names. */
  rowType: string;
  rowTypeExpression: string;
  /** `toOrder`: row → domain. */
  toDomain: string;
  toDomainExpression: string;
  /** `orderRecord`: domain → row values. */
  toRecord: string;
  recordParameters: string;
  recordType: string;
  /** `id: order.id.value`, or `orderId` when the value is a variable of the column's name. */
  recordEntries: string[];
  /** The key field of the record, for upserts. */
  keyField: string;
  /** `orderInclude`: the relations loaded with this entity; absent when it owns none. */
  include?: { name: string; expression: string };
}

export interface MapperView {
  /** The aggregate's include, when it owns children. */
  include?: { name: string; expression: string };
  entities: EntityMapperView[];
  /** Problems that do not stop generation (a field infragen cannot restore). */
  warnings: string[];
  /** A mapper reads a Json column back through json-values.ts, which must be written. */
  usesJsonValues: boolean;
  /** A mapper converts an enum through enum-member.ts, which must be written. */
  usesEnumMember: boolean;
}

export const scalarTsType: Record<string, string> = { String: 'string', Int: 'number', BigInt: 'bigint', Float: 'number', Decimal: 'number' };

export function keyColumn(model: StoredModel): ColumnField {
  const key = model.fields.find((field): field is ColumnField => field.kind === 'column' && field.id);
  if (!key || model.primaryKey.length !== 1) throw new UnsupportedMapping(`${model.name} has no single-column key; repositories need one`);
  return key;
}

/** A child's position column, when its aggregate holds it in a list. */
export function positionColumn(model: StoredModel): ColumnField | undefined {
  return model.fields.find((field): field is ColumnField => field.kind === 'column' && field.origin.kind === 'position');
}

function includeExpression(model: StoredModel, lookup: DomainLookup): string | undefined {
  const children = lookup.ownedChildren(model);
  if (children.length === 0) return undefined;
  // Children of a list come back in the domain's order (their position column), others in key order, so that a
  // loaded aggregate is the same every time (rows written before the position column existed all hold 0).
  const load = (child: StoredModel): string => {
    const nested = includeExpression(child, lookup);
    const position = positionColumn(child);
    const key = `{ ${keyColumn(child).name}: 'asc' as const }`;
    const orderBy = position ? `[{ ${position.name}: 'asc' as const }, ${key}]` : key;
    return `{ orderBy: ${orderBy}${nested ? `, include: ${nested}` : ''} }`;
  };
  return `{ ${children.map(({ field, child }) => `${field}: ${load(child)}`).join(', ')} }`;
}

interface MapperPlanning {
  lookup: DomainLookup;
  imports: ImportSet;
  warnings: string[];
  /** Project-relative path of the generated Prisma Client's `client.ts`. */
  clientFile: string;
  /** Project-relative path of the generated json-values.ts, and whether a mapper imported from it. */
  jsonValuesFile: string;
  usesJsonValues: boolean;
  /** Project-relative path of the generated enum-member.ts, and whether a mapper imported from it. */
  enumMemberFile: string;
  usesEnumMember: boolean;
}

/**
 * Plans every field, then refuses once with all the fields that cannot be mapped (not only the first): `plan` gets a
 * `guard` that records a failure and stands in a placeholder, so the rest is still planned.
 */
function allOrNothing<T>(plan: (guard: (step: () => string) => string) => T): T {
  const failures: UnsupportedMapping[] = [];
  const guard = (step: () => string): string => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof UnsupportedMapping)) throw error;
      if (!failures.some((known) => known.message === error.message)) failures.push(error);
      return 'undefined';
    }
  };
  const planned = plan(guard);
  const [first] = failures;
  if (!first) return planned;
  if (failures.length === 1) throw first;
  const hints = [...new Set(failures.flatMap((failure) => (failure.hint ? [failure.hint] : [])))];
  throw new UnsupportedMapping(
    failures.map((failure) => failure.message).join('; '),
    failures.find((failure) => failure.field)?.field,
    hints.join('; ') || undefined,
  );
}

function entityMapper(entity: EntityModel, model: StoredModel, planning: MapperPlanning): EntityMapperView {
  const { lookup, imports, warnings, clientFile } = planning;
  const includeCode = includeExpression(model, lookup);
  const include = includeCode ? { name: model.names.include, expression: includeCode } : undefined;
  const isType = entity.construction.kind === 'object-literal';
  imports.add(entity.name, entity.source.file, { typeOnly: isType });
  const variable = model.names.property;
  const rowType = model.names.rowType;
  const jsonHelper: DomainContext['jsonHelper'] = (name) => {
    planning.usesJsonValues = true;
    return imports.add(name, planning.jsonValuesFile);
  };
  const enumHelper = (): string => {
    planning.usesEnumMember = true;
    return imports.add('enumMember', planning.enumMemberFile);
  };
  const domainContext: DomainContext = {
    lookup,
    entity,
    model,
    row: 'row',
    imports,
    childMapper: (name) => lookup.model(name).names.toDomain,
    jsonHelper,
    enumHelper,
  };
  const owner = model.owner ? keyColumn(lookup.model(model.owner)) : undefined;
  const ownerKeyName = model.owner ? lookup.model(model.owner).names.keyVariable : undefined;
  const position = positionColumn(model) ? (variable === 'position' ? 'listPosition' : 'position') : undefined;
  const recordContext: RecordContext = {
    lookup,
    entity,
    object: variable,
    ...(ownerKeyName ? { ownerKey: ownerKeyName } : {}),
    ...(position ? { position } : {}),
    usesPrismaValue: () => imports.add('Prisma', clientFile),
    enumHelper,
  };
  // A version the domain does not hold is written by the repository's save, which checks it.
  const columns = model.fields.filter((field): field is ColumnField => field.kind === 'column' && field.origin.kind !== 'version');
  return {
    entity: entity.name,
    model: model.name,
    rowType,
    rowTypeExpression: include ? `Prisma.${model.name}GetPayload<{ include: typeof ${include.name} }>` : `Prisma.${model.name}Model`,
    toDomain: model.names.toDomain,
    ...allOrNothing((guard) => ({
      toDomainExpression: toDomainExpression(entity, domainContext, warnings, guard),
      recordEntries: columns.map((column) => {
        const value = guard(() => recordValue(column, recordContext));
        return value === column.name ? value : `${column.name}: ${value}`;
      }),
    })),
    toRecord: model.names.toRecord,
    recordParameters: [
      `${variable}: ${entity.name}`,
      ...(owner && ownerKeyName ? [`${ownerKeyName}: ${scalarTsType[owner.type as string] ?? 'string'}`] : []),
      ...(position ? [`${position}: number`] : []),
    ].join(', '),
    recordType: `Prisma.${model.name}UncheckedCreateInput`,
    keyField: keyColumn(model).name,
    ...(include ? { include } : {}),
  };
}

function toDomainExpression(entity: EntityModel, ctx: DomainContext, warnings: string[], guard: (step: () => string) => string): string {
  const stored = entity.fields.filter((field) => !field.tags.ignore);
  const value = (name: string, raw = false): string =>
    guard(() => {
      const field = entity.fields.find((candidate) => candidate.name === name);
      if (!field) throw new UnsupportedMapping(`${entity.name} is built with "${name}", which is not one of its fields`);
      if (field.tags.ignore) throw new UnsupportedMapping(`${entity.name}.${name} is @ignore'd but needed to rebuild a ${entity.name}`, field, 'remove @ignore, or give the factory a default for it');
      return raw ? rawDomainValue(field, ctx) : domainValue(field, ctx);
    });
  if (entity.construction.kind === 'object-literal') return `{ ${stored.map((field) => `${field.name}: ${value(field.name)}`).join(', ')} }`;
  if (entity.construction.kind === 'unavailable') throw new UnsupportedMapping(entity.construction.reason, undefined, entity.construction.hint);
  const covered = new Set(entity.construction.parameters.flatMap((parameter) => (parameter.kind === 'field' ? [parameter.field] : parameter.fields)));
  const built = construct(entity.name, entity.construction, value, rowFailure(entity.name, ctx));
  const rest = stored.filter((field) => !covered.has(field.name));
  if (rest.length === 0) return built;
  if (entity.style === 'public-fields') return `Object.assign(${built}, { ${rest.map((field) => `${field.name}: ${value(field.name)}`).join(', ')} })`;
  warnings.push(
    `${entity.name}: ${rest.map((field) => field.name).join(', ')} ${rest.length === 1 ? 'is' : 'are'} stored but not restored: no factory or constructor parameter takes ${rest.length === 1 ? 'it' : 'them'}`,
  );
  return built;
}

/** Plans the mapper of an aggregate and of the children it owns. */
export function planMapper(
  model: StoredModel,
  lookup: DomainLookup,
  imports: ImportSet,
  clientFile: string,
  helperFiles: { jsonValues: string; enumMember: string },
): MapperView {
  const planning: MapperPlanning = {
    lookup,
    imports,
    warnings: [],
    clientFile,
    jsonValuesFile: helperFiles.jsonValues,
    usesJsonValues: false,
    enumMemberFile: helperFiles.enumMember,
    usesEnumMember: false,
  };
  imports.add('Prisma', clientFile, { typeOnly: true });
  const entities: EntityMapperView[] = [];
  const visit = (current: StoredModel): void => {
    entities.push(entityMapper(lookup.entity(current.name), current, planning));
    for (const { child } of lookup.ownedChildren(current)) visit(child);
  };
  visit(model);
  const include = entities[0]?.include;
  return {
    ...(include ? { include } : {}),
    entities,
    warnings: planning.warnings,
    usesJsonValues: planning.usesJsonValues,
    usesEnumMember: planning.usesEnumMember,
  };
}
