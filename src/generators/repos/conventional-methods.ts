import type { EntityModel, MethodSignatureModel } from '../../model/domain.js';

/** The methods every generated repository offers; a domain port may declare them under these names. */
export function conventionalMethods(entity: EntityModel, keyType: string, variable: string): MethodSignatureModel[] {
  const location = entity.source;
  const method = (name: string, parameters: [string, string][], returnTypeText: string): MethodSignatureModel => ({
    name,
    parameters: parameters.map(([parameter, typeText]) => ({ name: parameter, typeText, optional: false })),
    returnTypeText,
    location,
  });
  return [
    method('findById', [['id', keyType]], `Promise<${entity.name} | null>`),
    method('save', [[variable, entity.name]], 'Promise<void>'),
    method('delete', [['id', keyType]], 'Promise<void>'),
    method('exists', [['id', keyType]], 'Promise<boolean>'),
    method('count', [], 'Promise<number>'),
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
