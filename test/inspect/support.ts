import { expect } from 'vitest';
import { inspectDomainSources } from '../../src/inspect/index.js';
import type { DomainModel, EntityModel, FieldModel, ValueObjectModel } from '../../src/model/domain.js';

/** Inspects in-memory sources and fails the test on any diagnostic unless `allowDiagnostics`. */
export function inspect(files: Record<string, string>, allowDiagnostics = false): ReturnType<typeof inspectDomainSources> {
  const result = inspectDomainSources(files);
  if (!allowDiagnostics) expect(result.diagnostics).toEqual([]);
  return result;
}

export function entity(model: DomainModel, name: string): EntityModel {
  const found = model.entities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entity ${name}; entities: ${model.entities.map((e) => e.name).join(', ')}`);
  return found;
}

export function valueObject(model: DomainModel, name: string): ValueObjectModel {
  const found = model.valueObjects.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no value object ${name}; value objects: ${model.valueObjects.map((v) => v.name).join(', ')}`);
  return found;
}

export function field(owner: { fields: FieldModel[] } | EntityModel, name: string): FieldModel {
  const found = owner.fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no field ${name}; fields: ${owner.fields.map((f) => f.name).join(', ')}`);
  return found;
}

/** `name: kind` pairs, compact enough to compare whole field lists. */
export function fieldSummary(fields: readonly FieldModel[]): string[] {
  return fields.map((f) => {
    const t = f.type;
    const kind = t.kind === 'primitive' ? t.primitive : t.kind === 'identity' ? `identity ${t.valueObject}->${t.entity}` : `${t.kind} ${t.name}`;
    const flags = `${t.list ? '[]' : ''}${f.optional ? '?' : ''}${f.nullable ? ' null' : ''}${f.accessor.kind === 'none' ? ' (no accessor)' : ''}`;
    return `${f.name}: ${kind}${flags}`;
  });
}
