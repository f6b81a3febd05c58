import type { InfragenOptions } from '../../config/options.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { DomainModel } from '../domain.js';
import { PlanningContext } from './context.js';
import { enumDefault, usedEnums } from './enums.js';
import { findRelationLinks, relationNames } from './relations.js';
import { buildStoredModel, keyColumn, type RelationIndex } from './stored-model.js';
import type { ColumnField, PersistenceModel, StoredEnum, StoredModel } from './types.js';
import { checkColumnCount, checkDuplicateColumns, checkDuplicateTables, checkEnumIdentifiers, checkIdentifiers, checkKeys, checkRelationTargets } from './validate.js';

export interface PlannedPersistence {
  persistence: PersistenceModel;
  /** Every problem found, all at once; the caller stops on errors before anything is generated. */
  diagnostics: Diagnostic[];
}

/** Decides how each entity is stored: tables, columns, keys, relations and enums. */
export function planPersistence(domain: DomainModel, options: InfragenOptions): PlannedPersistence {
  const ctx = new PlanningContext(domain, options);
  for (const entity of domain.entities) {
    checkKeys(entity, ctx);
    checkRelationTargets(entity, ctx);
  }
  const links = findRelationLinks(domain.entities);
  const keyColumns = new Map<string, ColumnField>();
  for (const entity of domain.entities) {
    const key = keyColumn(entity, ctx);
    if (key) keyColumns.set(entity.name, key);
  }
  const relations: RelationIndex = { links, names: relationNames(links), keyColumns };
  const built = domain.entities.map((entity) => {
    const model = buildStoredModel(entity, relations, ctx);
    checkIdentifiers(model, entity, ctx);
    checkColumnCount(model, entity, ctx);
    checkDuplicateColumns(model, entity, ctx);
    return model;
  });
  checkDuplicateTables(built, ctx);
  const enums = usedEnums(built, domain.enums, ctx);
  for (const stored of enums) checkEnumIdentifiers(stored, ctx);
  const models = built.map((model) => withEnumDefaults(model, enums));
  return { persistence: { models, enums }, diagnostics: ctx.diagnostics };
}

function withEnumDefaults(model: StoredModel, enums: readonly StoredEnum[]): StoredModel {
  const fields = model.fields.map((field) => {
    if (field.kind !== 'column' || typeof field.type !== 'object' || field.default === undefined) return field;
    const enumType = field.type.enum;
    const stored = enums.find((candidate) => candidate.name === enumType);
    return stored ? { ...field, default: enumDefault(field.default, stored) } : field;
  });
  return { ...model, fields };
}
