import { Node, type ClassDeclaration } from 'ts-morph';
import type { EntityModel, ValueObjectModel, ValueObjectShape, Primitive } from '../model/domain.js';
import { classConstruction } from './construction.js';
import type { InspectContext } from './context.js';
import { declarationName, sourceRef, type Declaration } from './declarations.js';
import { buildFields } from './fields.js';
import { baseNames } from './heritage.js';
import { docText, tableTag } from './jsdoc-tags.js';
import { objectShape } from './members.js';

export function entityModel(declaration: Declaration, context: InspectContext): EntityModel | undefined {
  if (Node.isEnumDeclaration(declaration)) return undefined;
  const name = declarationName(declaration);
  const table = tableTag(docText([declaration]));
  const common = { name, source: sourceRef(declaration), isAggregateRoot: context.classification.aggregateRoots.has(name), ...(table !== undefined && { table }) };
  if (Node.isClassDeclaration(declaration)) {
    const shape = context.shape(declaration);
    const fields = buildFields(shape.members, name, context);
    return { ...common, style: shape.style, fields, construction: classConstruction(declaration, fields, context) };
  }
  const fields = buildFields(objectShape(declaration, context.index) ?? [], name, context);
  const style = Node.isInterfaceDeclaration(declaration) ? 'interface' : 'type-alias';
  return { ...common, style, fields, construction: { kind: 'object-literal' } };
}

/** Value objects whose base lives outside the domain (a library's `StringValueObject`): the value type by name. */
const libraryBases: [RegExp, Primitive][] = [
  [/^String|Uuid|UUID|Identifier|Id$/, 'string'],
  [/^(Number|Int|Float)/, 'number'],
  [/^Bool/, 'boolean'],
  [/^Date/, 'Date'],
];

function libraryShape(declaration: ClassDeclaration, context: InspectContext): ValueObjectShape | undefined {
  const outside = baseNames(declaration, context.index).at(-1);
  const primitive = outside && libraryBases.find(([pattern]) => pattern.test(outside))?.[1];
  return primitive ? { kind: 'single', primitive, accessor: { kind: 'property', name: 'value' } } : undefined;
}

/** A value object is `single` when its whole state is one primitive `value` (own, in props, or inherited). */
export function valueObjectModel(declaration: ClassDeclaration, context: InspectContext): ValueObjectModel {
  const name = declarationName(declaration);
  const shape = context.shape(declaration);
  const fields = buildFields(shape.members, name, context);
  const [only] = fields;
  const identifies = context.classification.identities.get(name);
  let valueShape: ValueObjectShape = { kind: 'composite', fields };
  if (fields.length === 1 && only?.name === 'value' && only.type.kind === 'primitive' && !only.type.list) {
    valueShape = { kind: 'single', primitive: only.type.primitive, accessor: only.accessor };
  } else if (fields.length === 0) {
    valueShape = libraryShape(declaration, context) ?? valueShape;
  }
  const construction =
    fields.length === 0 && valueShape.kind === 'single'
      ? { kind: 'constructor' as const, parameters: [{ kind: 'field' as const, field: 'value', optional: false }] }
      : classConstruction(declaration, fields, context);
  return { name, source: sourceRef(declaration), shape: valueShape, construction, ...(identifies && { identifies }) };
}
