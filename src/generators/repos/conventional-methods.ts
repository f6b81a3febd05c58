import type { EntityModel, MethodSignatureModel } from '../../model/domain.js';
import { orNull, promiseOf, writtenType, type TypeModel } from '../../model/types.js';
import type { MethodView } from './method-plan.js';

/**
 * The methods every generated repository offers; a domain port may declare them under these names. Their key
 * parameter is named after the key (`findById(sku: string)`), so that a key not called `id` is found by name.
 */
export function conventionalMethods(entity: EntityModel, keyType: TypeModel, variable: string, keyName = 'id'): MethodSignatureModel[] {
  const location = entity.source;
  const method = (name: string, parameters: [string, TypeModel][], returnType: TypeModel): MethodSignatureModel => ({
    name,
    parameters: parameters.map(([parameter, type]) => ({ name: parameter, type, optional: false })),
    returnType,
    location,
  });
  const entityType = writtenType({ kind: 'entity', name: entity.name }, entity.name);
  const done = promiseOf(writtenType({ kind: 'void' }, 'void'));
  return [
    method('findById', [[keyName, keyType]], promiseOf(orNull(entityType))),
    method('save', [[variable, entityType]], done),
    method('delete', [[keyName, keyType]], done),
    method('exists', [[keyName, keyType]], promiseOf(writtenType({ kind: 'primitive', primitive: 'boolean' }, 'boolean'))),
    method('count', [], promiseOf(writtenType({ kind: 'primitive', primitive: 'number' }, 'number'))),
  ];
}

/** Which conventional role a port method already plays, so the class does not add a second one. */
export function conventionalRole(name: string): string | undefined {
  if (/^(findById|getById|findOneById|find|get)$/.test(name)) return 'findById';
  if (/^(save|persist|store|upsert)$/.test(name)) return 'save';
  if (/^(delete|deleteById|remove|removeById)$/.test(name)) return 'delete';
  if (/^(exists|existsById)$/.test(name)) return 'exists';
  if (/^count$/.test(name)) return 'count';
  return undefined;
}

/** The conventional role a planned method plays whatever its name (`search(id: CourseId)` finds by key). */
export function plannedRole(method: MethodView): string | undefined {
  if (method.kind === 'save' && !method.many) return 'save';
  if (method.kind === 'count' && method.where === undefined) return 'count';
  if (method.keyArgument === undefined) return undefined;
  return method.kind === 'find-one' ? 'findById' : method.kind === 'delete' ? 'delete' : method.kind === 'exists' ? 'exists' : undefined;
}
