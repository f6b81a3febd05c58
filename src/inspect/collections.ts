// Collection classes (`Comments extends WatchedList<Comment>`): a class whose state is a list of entities, read
// through `getItems()` or a public `currentItems`, and built from such a list. A field typed by one is a one-to-many.
import type { ClassDeclaration, TypeNode } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import type { CollectionModel, FieldAccessor, FieldModel } from '../model/domain.js';
import { classConstruction } from './construction.js';
import type { InspectContext } from './context.js';
import { declarationName, sourceRef, type Declaration } from './declarations.js';
import { baseChain, substitute } from './heritage.js';

/** Methods that give a collection's items, in order of preference. */
const itemMethods = ['getItems', 'items', 'toArray', 'getAll', 'all', 'values'];

export interface CollectionShape {
  /** The element type, its type parameters bound (`Comment`). */
  element: TypeNode;
  items: FieldAccessor;
}

function elementOf(node: TypeNode | undefined): TypeNode | undefined {
  if (!node) return undefined;
  if (Node.isArrayTypeNode(node)) return node.getElementTypeNode();
  if (Node.isTypeReference(node) && ['Array', 'ReadonlyArray'].includes(node.getTypeName().getText())) return node.getTypeArguments()[0];
  if (Node.isTypeOperatorTypeNode(node)) return elementOf(node.getTypeNode());
  return undefined;
}

/** Where a class exposes one list: a public `getItems()`-like method, or its only public state being one array. */
export function collectionShape(declaration: ClassDeclaration, context: InspectContext): CollectionShape | undefined {
  if (declaration.isAbstract() || declaration.getTypeParameters().length > 0) return undefined;
  const chain = baseChain(declaration, context.index);
  for (const name of itemMethods) {
    for (const link of chain) {
      const method = link.declaration.getInstanceMethod(name);
      if (!method || method.getParameters().length > 0 || (method.hasScopeKeyword() && method.getScope() !== Scope.Public)) continue;
      const element = elementOf(method.getReturnTypeNode());
      if (element) return { element: substitute(element, link.substitution), items: { kind: 'method', name } };
    }
  }
  const { members } = context.shape(declaration);
  const [only, ...more] = members;
  const element = elementOf(only?.typeNode);
  if (!only || more.length > 0 || !element || only.accessor.kind === 'none') return undefined;
  return { element: substitute(element, only.substitution), items: only.accessor };
}

/** The declaration a collection holds, when the class is a collection. */
export function collectionElement(declaration: ClassDeclaration, context: InspectContext): Declaration | undefined {
  const shape = collectionShape(declaration, context);
  const element = shape?.element;
  return element && Node.isTypeReference(element) ? context.index.resolve(element.getTypeName().getText(), element.getSourceFile()) : undefined;
}

/** The collection model of a class holding a list of the entity `entity`. */
export function collectionModel(declaration: ClassDeclaration, entity: string, items: FieldAccessor, context: InspectContext): CollectionModel {
  const itemsField = { name: 'items', optional: false, nullable: false, tags: {}, type: { kind: 'entity', name: entity, list: true } } as FieldModel;
  return { name: declarationName(declaration), source: sourceRef(declaration), items, construction: classConstruction(declaration, [itemsField], context) };
}
