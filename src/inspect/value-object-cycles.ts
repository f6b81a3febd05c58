import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { FieldModel, ValueObjectModel } from '../model/domain.js';

const heldValueObject = (field: FieldModel): string | undefined =>
  field.type.kind === 'valueObject' ? field.type.name : field.type.kind === 'identity' ? field.type.valueObject : undefined;

/**
 * Value objects that hold themselves, directly or through others (`Alpha.beta: Beta`, `Beta.alpha: Alpha`; a
 * `Node` with `children: Node[]`): a stored value cannot contain itself, and mapping it would never end. One error
 * per cycle, at the field that closes it, returned by the name of the value object declaring that field.
 */
export function valueObjectCycles(valueObjects: readonly ValueObjectModel[]): Map<string, Diagnostic> {
  const byName = new Map(valueObjects.map((valueObject) => [valueObject.name, valueObject]));
  const found = new Map<string, Diagnostic>();
  const done = new Set<string>();
  const visit = (name: string, path: { valueObject: string; field: FieldModel }[]): void => {
    const valueObject = byName.get(name);
    if (!valueObject || valueObject.shape.kind !== 'composite' || done.has(name)) return;
    for (const field of valueObject.shape.fields) {
      const held = heldValueObject(field);
      if (held === undefined) continue;
      const step = { valueObject: name, field };
      const start = [...path, step].findIndex((link) => link.valueObject === held);
      if (start >= 0) {
        const cycle = [...path, step].slice(start);
        const route = cycle.map((link) => `${link.valueObject}.${link.field.name}`).join(' → ');
        const members = [...new Set(cycle.map((link) => link.valueObject))];
        found.set(
          name,
          errorDiagnostic(
            'IG208',
            `${members.length === 1 ? `the value object ${held} holds itself` : `the value objects ${members.join(', ')} hold each other`} (${route} → ${held}): a stored value cannot contain itself`,
            field.location,
            `tag ${name}.${field.name} @ignore, or give one of them an id so that it is an entity referenced by identity`,
          ),
        );
        continue;
      }
      visit(held, [...path, step]);
    }
    done.add(name);
  };
  for (const valueObject of valueObjects) visit(valueObject.name, []);
  return found;
}
