import type { InfragenOptions } from '../../config/options.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { DomainModel, EntityModel, FieldModel, ValueObjectModel } from '../domain.js';

/** What every planning step reads, and where it reports problems. */
export class PlanningContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly entitiesByName: Map<string, EntityModel>;
  private readonly valueObjectsByName: Map<string, ValueObjectModel>;

  constructor(
    readonly domain: DomainModel,
    readonly options: InfragenOptions,
  ) {
    this.entitiesByName = new Map(domain.entities.map((entity) => [entity.name, entity]));
    this.valueObjectsByName = new Map(domain.valueObjects.map((valueObject) => [valueObject.name, valueObject]));
  }

  entity(name: string): EntityModel | undefined {
    return this.entitiesByName.get(name);
  }

  valueObject(name: string): ValueObjectModel | undefined {
    return this.valueObjectsByName.get(name);
  }

  error(diagnostic: Omit<Diagnostic, 'severity'>): void {
    this.diagnostics.push({ ...diagnostic, severity: 'error' });
  }
}

/** The fields that are stored: `@ignore` leaves a field out of the database. */
export function storedFields(entity: EntityModel): FieldModel[] {
  return entity.fields.filter((field) => !field.tags.ignore);
}

/** The key fields: tagged `@id`, else the one named `id`. */
export function keyFields(entity: EntityModel): FieldModel[] {
  const fields = storedFields(entity);
  const tagged = fields.filter((field) => field.tags.id);
  if (tagged.length > 0) return tagged;
  return fields.filter((field) => field.name === 'id');
}
