import type { SourceFile, TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { writtenType, type TypeModel, type TypePrimitive, type TypeTarget } from '../model/types.js';
import type { InspectContext } from './context.js';
import { declarationName, type Declaration } from './declarations.js';
import { stringLiterals } from './enums.js';

/** Where a type is read: the type parameters bound there, and how its parts are printed. */
export interface TypeScope {
  /** Type parameters bound to the arguments given where the type is used (`T` → `Order`). */
  bindings: ReadonlyMap<string, TypeNode>;
  text(node: TypeNode): string;
}

const keywords: Partial<Record<SyntaxKind, TypePrimitive>> = {
  [SyntaxKind.StringKeyword]: 'string',
  [SyntaxKind.NumberKeyword]: 'number',
  [SyntaxKind.BooleanKeyword]: 'boolean',
  [SyntaxKind.BigIntKeyword]: 'bigint',
};

const primitiveNames: Record<string, TypePrimitive> = { string: 'string', number: 'number', boolean: 'boolean', bigint: 'bigint', Date: 'Date' };

const isNull = (node: TypeNode): boolean => Node.isLiteralTypeNode(node) && node.getLiteral().getKind() === SyntaxKind.NullKeyword;
const isUndefined = (node: TypeNode): boolean => node.getKind() === SyntaxKind.UndefinedKeyword;

/** `node` without parentheses, a bare type parameter replaced by what it is bound to. */
function unwrap(node: TypeNode, scope: TypeScope): TypeNode {
  let current = node;
  for (let depth = 0; depth < 10; depth += 1) {
    if (Node.isParenthesizedTypeNode(current)) current = current.getTypeNode();
    else if (Node.isTypeReference(current) && current.getTypeArguments().length === 0 && scope.bindings.has(current.getTypeName().getText())) {
      current = scope.bindings.get(current.getTypeName().getText())!;
    } else break;
  }
  return current;
}

/** `T` of `Promise<T>` (or of another of `names`). */
function typeArgumentOf(node: TypeNode, names: readonly string[]): TypeNode | undefined {
  if (!Node.isTypeReference(node) || !names.includes(node.getTypeName().getText())) return undefined;
  const [argument, ...rest] = node.getTypeArguments();
  return rest.length === 0 ? argument : undefined;
}

/** `T` of `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`. */
function listElement(node: TypeNode, scope: TypeScope): TypeNode | undefined {
  if (Node.isTypeOperatorTypeNode(node) && node.getOperator() === SyntaxKind.ReadonlyKeyword) return listElement(unwrap(node.getTypeNode(), scope), scope);
  if (Node.isArrayTypeNode(node)) return node.getElementTypeNode();
  return typeArgumentOf(node, ['Array', 'ReadonlyArray']);
}

/** What a declaration of the domain is, used as a type; undefined when it is none of the kinds the model knows. */
function declarationTarget(declaration: Declaration, context: InspectContext): TypeTarget | undefined {
  const name = declarationName(declaration);
  const { entities, valueObjects, identities } = context.classification;
  if (entities.has(declaration)) return { kind: 'entity', name };
  if (Node.isEnumDeclaration(declaration)) return { kind: 'enum', name };
  if (Node.isClassDeclaration(declaration) && valueObjects.has(declaration)) {
    const entity = identities.get(name);
    return entity ? { kind: 'identity', valueObject: name, entity } : { kind: 'valueObject', name };
  }
  if (!Node.isTypeAliasDeclaration(declaration) || declaration.getTypeParameters().length > 0) return undefined;
  const aliased = declaration.getTypeNode();
  const literals = aliased && stringLiterals(Node.isUnionTypeNode(aliased) ? aliased.getTypeNodes() : [aliased]);
  return literals ? { kind: 'enum', name } : undefined;
}

function readTarget(node: TypeNode, context: InspectContext, scope: TypeScope): TypeTarget {
  const primitive = keywords[node.getKind()];
  if (primitive) return { kind: 'primitive', primitive };
  if (node.getKind() === SyntaxKind.VoidKeyword || isUndefined(node)) return { kind: 'void' };
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText();
    const [key, value, ...rest] = node.getTypeArguments();
    if (name === 'Date' && !key) return { kind: 'primitive', primitive: 'Date' };
    if (name === 'Record' && key && value && rest.length === 0) return { kind: 'record', key: readType(key, context, scope), value: readType(value, context, scope) };
    const declaration = key ? undefined : context.index.resolve(name, node.getSourceFile());
    const target = declaration && declarationTarget(declaration, context);
    if (target) return target;
  }
  return { kind: 'other', text: scope.text(node) };
}

/**
 * A generic alias of a union (`type Nullable<T> = T | null`, `Maybe<T>`, `Optional<T>`) used with arguments: the union,
 * with the scope binding the alias's parameters to those arguments.
 */
function expandUnionAlias(node: TypeNode, context: InspectContext, scope: TypeScope): { node: TypeNode; scope: TypeScope } | undefined {
  if (!Node.isTypeReference(node) || node.getTypeArguments().length === 0) return undefined;
  const declaration = context.index.resolve(node.getTypeName().getText(), node.getSourceFile());
  const aliased = declaration && Node.isTypeAliasDeclaration(declaration) ? declaration.getTypeNode() : undefined;
  if (!declaration || !Node.isTypeAliasDeclaration(declaration) || !aliased || !Node.isUnionTypeNode(aliased)) return undefined;
  const bindings = new Map(scope.bindings);
  const args = node.getTypeArguments();
  declaration.getTypeParameters().forEach((parameter, position) => {
    const argument = args[position] ?? parameter.getDefault();
    if (argument) bindings.set(parameter.getName(), unwrap(argument, scope));
  });
  return { node: aliased, scope: { ...scope, bindings } };
}

/** The structure of a written type: promise, list, null and undefined, and what it names. */
export function readType(node: TypeNode, context: InspectContext, given: TypeScope): TypeModel {
  let scope = given;
  const text = scope.text(node);
  const outer = unwrap(node, scope);
  const awaited = typeArgumentOf(outer, ['Promise']);
  let inner = awaited ? unwrap(awaited, scope) : outer;
  const expanded = expandUnionAlias(inner, context, scope);
  if (expanded) ({ node: inner, scope } = expanded);
  const parts = Node.isUnionTypeNode(inner) ? inner.getTypeNodes().map((part) => unwrap(part, scope)) : [inner];
  const present = parts.filter((part) => !isNull(part) && !isUndefined(part));
  const bareText = present.map((part) => scope.text(part)).join(' | ');
  const single = present.length === 1 ? present[0] : undefined;
  const element = single && listElement(single, scope);
  let target: TypeTarget;
  if (present.length === 0) target = { kind: 'void' };
  else if (single) target = readTarget(element ? unwrap(element, scope) : single, context, scope);
  else target = { kind: 'other', text: bareText };
  return { text, bareText, async: awaited !== undefined, list: element !== undefined, nullable: parts.some(isNull), undefinable: parts.some(isUndefined), target };
}

/** The type of a field written without one, from what its initializer names (`string`, `Date`, a class). */
export function readTypeName(name: string, from: SourceFile, context: InspectContext): TypeModel {
  const primitive = primitiveNames[name];
  if (primitive) return writtenType({ kind: 'primitive', primitive }, name);
  const declaration = context.index.resolve(name, from);
  return writtenType((declaration && declarationTarget(declaration, context)) ?? { kind: 'other', text: name }, name);
}
