// Which aggregates a seed run creates, and in which order: an aggregate is seeded after those it references.
import type { Diagnostic } from '../../diagnostics.js';
import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';
import type { DomainLookup } from '../repos/domain-lookup.js';

export interface SeedOrder {
  /** Aggregate (or stand-alone entity) names, dependencies first. */
  order: string[];
  /** For each seeded model, the seeded models it references by foreign key. */
  references: Map<string, Set<string>>;
  notes: string[];
  diagnostics: Diagnostic[];
}

/** The aggregate a model is saved with: itself, or the owner of its owner. */
export function rootOf(name: string, persistence: PersistenceModel): string {
  let model = persistence.models.find((candidate) => candidate.name === name);
  const seen = new Set<string>();
  while (model?.owner && !seen.has(model.name)) {
    seen.add(model.name);
    model = persistence.models.find((candidate) => candidate.name === model!.owner);
  }
  return model?.name ?? name;
}

/** The model and the children it owns, recursively. */
export function withOwnedChildren(model: StoredModel, lookup: DomainLookup): StoredModel[] {
  return [model, ...lookup.ownedChildren(model).flatMap(({ child }) => withOwnedChildren(child, lookup))];
}

function foreignKeyTargets(model: StoredModel, lookup: DomainLookup): Map<string, boolean> {
  const targets = new Map<string, boolean>();
  const family = withOwnedChildren(model, lookup);
  const inFamily = new Set(family.map((member) => member.name));
  for (const member of family) {
    for (const field of member.fields) {
      if (field.kind !== 'relation' || !field.foreignKey || inFamily.has(field.model)) continue;
      const root = rootOf(field.model, lookup.persistence);
      const required = field.foreignKey.fields.some((key) => member.fields.some((column) => column.kind === 'column' && column.name === key && !column.optional));
      targets.set(root, (targets.get(root) ?? false) || required);
    }
  }
  return targets;
}

/** Adds what the requested aggregates reference, then sorts them so that referenced ones come first. */
export function seedOrder(requested: readonly string[], lookup: DomainLookup): SeedOrder {
  const notes: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const references = new Map<string, Set<string>>();
  const required = new Map<string, Set<string>>();
  const pending = [...new Set(requested.map((name) => rootOf(name, lookup.persistence)))];
  for (const name of requested) {
    const root = rootOf(name, lookup.persistence);
    if (root !== name) notes.push(`${name} is seeded with its aggregate ${root}`);
  }
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (references.has(name)) continue;
    const targets = foreignKeyTargets(lookup.model(name), lookup);
    references.set(name, new Set(targets.keys()));
    required.set(name, new Set([...targets].filter(([, isRequired]) => isRequired).map(([target]) => target)));
    for (const target of targets.keys()) {
      if (references.has(target) || pending.includes(target)) continue;
      notes.push(`${target} is seeded too: ${name} references it`);
      pending.push(target);
    }
  }
  const order: string[] = [];
  const remaining = new Set([...references.keys()].sort());
  while (remaining.size > 0) {
    const ready = [...remaining].find((name) => [...references.get(name)!].every((target) => !remaining.has(target)))
      // In a cycle, the first aggregate whose remaining references are all optional goes first; those stay empty.
      ?? [...remaining].find((name) => [...required.get(name)!].every((target) => !remaining.has(target)));
    if (!ready) {
      diagnostics.push({
        code: 'IG501',
        severity: 'error',
        message: `cannot order the seeds: ${[...remaining].join(', ')} reference each other through required foreign keys`,
        hint: 'make one of these references optional',
      });
      break;
    }
    order.push(ready);
    remaining.delete(ready);
  }
  return { order, references, notes, diagnostics };
}
