import type { ClassDeclaration, InterfaceDeclaration, PropertySignature, TypeAliasDeclaration, TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import type { DeclarationIndex } from './declarations.js';

/** Type parameters of a base class bound to the type arguments a subclass passes (`P` → `OrderProps`). */
export type Substitution = ReadonlyMap<string, TypeNode>;

export const noSubstitution: Substitution = new Map();

export interface ClassLink {
  declaration: ClassDeclaration;
  substitution: Substitution;
}

/** `node` with a bare type parameter replaced by its argument. */
export function substitute(node: TypeNode, substitution: Substitution): TypeNode {
  if (Node.isTypeReference(node) && node.getTypeArguments().length === 0) {
    return substitution.get(node.getTypeName().getText()) ?? node;
  }
  return node;
}

/** The name of the class an `extends` clause names, without type arguments. */
export function extendsName(declaration: ClassDeclaration): string | undefined {
  const heritage = declaration.getExtends();
  return heritage?.getExpression().getText().split('.').pop();
}

/** The class and its bases found in the domain, nearest first, each with its type parameters bound. */
const chains = new WeakMap<ClassDeclaration, ClassLink[]>();

export function baseChain(declaration: ClassDeclaration, index: DeclarationIndex, substitution: Substitution = noSubstitution): ClassLink[] {
  const cached = substitution === noSubstitution ? chains.get(declaration) : undefined;
  if (cached) return [...cached];
  const chain: ClassLink[] = [{ declaration, substitution }];
  for (let current = chain[0]; current !== undefined && chain.length < 10; ) {
    const heritage = current.declaration.getExtends();
    if (!heritage) break;
    const base = index.resolve(heritage.getExpression().getText(), current.declaration.getSourceFile());
    if (!base || !Node.isClassDeclaration(base) || chain.some((link) => link.declaration === base)) break;
    const args = heritage.getTypeArguments();
    const bound = new Map<string, TypeNode>();
    base.getTypeParameters().forEach((parameter, position) => {
      const arg = args[position] ?? parameter.getDefault();
      if (arg) bound.set(parameter.getName(), substitute(arg, current?.substitution ?? noSubstitution));
    });
    current = { declaration: base, substitution: bound };
    chain.push(current);
  }
  if (substitution === noSubstitution) chains.set(declaration, chain);
  return [...chain];
}

/** Names of every base class up the chain, including a last one declared outside the domain. */
export function baseNames(declaration: ClassDeclaration, index: DeclarationIndex): string[] {
  const chain = baseChain(declaration, index);
  const names = chain.slice(1).map((link) => link.declaration.getName() ?? '');
  const last = chain[chain.length - 1]?.declaration;
  const outside = last && extendsName(last);
  return outside ? [...names, outside] : names;
}

export interface ObjectMembers {
  members: PropertySignature[];
  /** The name of the object type when it is a named interface or type alias. */
  typeName?: string;
  /** The type parameters the members' types may name, bound (`DomainPrimitive<string>`: `T` → `string`). */
  substitution?: Substitution;
}

/** `T extends Primitives ? DomainPrimitive<T> : T`: which branch a checked type takes, read from the checked type alone. */
function isPrimitiveLike(node: TypeNode): boolean {
  if ([SyntaxKind.StringKeyword, SyntaxKind.NumberKeyword, SyntaxKind.BooleanKeyword, SyntaxKind.BigIntKeyword].includes(node.getKind())) return true;
  if (Node.isLiteralTypeNode(node)) return true;
  return Node.isTypeReference(node) && node.getTypeName().getText() === 'Date';
}

/** The type parameters of a generic declaration bound to the arguments a reference passes. */
function bindArguments(declaration: InterfaceDeclaration | TypeAliasDeclaration, args: readonly TypeNode[], substitution: Substitution): Substitution {
  const bound = new Map<string, TypeNode>();
  declaration.getTypeParameters().forEach((parameter, position) => {
    const arg = args[position] ?? parameter.getDefault();
    if (arg) bound.set(parameter.getName(), substitute(arg, substitution));
  });
  return bound;
}

const wrappers = new Set(['Readonly', 'Partial', 'Required']);

/** The property signatures of an interface, those of the interfaces it extends first. */
export function interfaceMembers(declaration: InterfaceDeclaration, index: DeclarationIndex, depth = 0): PropertySignature[] {
  const own = declaration.getProperties();
  const inherited = declaration.getExtends().flatMap((heritage) => {
    const base = index.resolve(heritage.getExpression().getText(), declaration.getSourceFile());
    return base && Node.isInterfaceDeclaration(base) && depth < 8 ? interfaceMembers(base, index, depth + 1) : [];
  });
  const names = new Set(own.map((member) => member.getName()));
  return [...inherited.filter((member) => !names.has(member.getName())), ...own];
}

/** The property signatures of an object type: a literal, a named interface or alias, `Readonly<…>`, `Omit<…>`, `&`. */
export function objectMembers(node: TypeNode, index: DeclarationIndex, substitution: Substitution = noSubstitution, depth = 0): ObjectMembers | undefined {
  if (depth > 8) return undefined;
  const type = substitute(node, substitution);
  if (Node.isTypeLiteral(type)) return { members: type.getProperties(), substitution };
  if (Node.isConditionalTypeNode(type)) {
    const branch = isPrimitiveLike(substitute(type.getCheckType(), substitution)) ? type.getTrueType() : type.getFalseType();
    return objectMembers(branch, index, substitution, depth + 1);
  }
  if (Node.isParenthesizedTypeNode(type)) return objectMembers(type.getTypeNode(), index, substitution, depth + 1);
  if (Node.isIntersectionTypeNode(type)) {
    const parts = type.getTypeNodes().map((part) => objectMembers(part, index, substitution, depth + 1));
    if (parts.some((part) => part === undefined)) return undefined;
    return { members: parts.flatMap((part) => part?.members ?? []) };
  }
  if (!Node.isTypeReference(type)) return undefined;
  const name = type.getTypeName().getText();
  const [first, second] = type.getTypeArguments();
  if (wrappers.has(name) && first) return objectMembers(first, index, substitution, depth + 1);
  if ((name === 'Omit' || name === 'Pick') && first && second) {
    const inner = objectMembers(first, index, substitution, depth + 1);
    const keys = new Set([...second.getText().matchAll(/['"]([^'"]+)['"]/g)].map((match) => match[1]));
    const keep = (member: PropertySignature) => keys.has(member.getName()) === (name === 'Pick');
    return inner && { members: inner.members.filter(keep), ...(inner.substitution && { substitution: inner.substitution }) };
  }
  const declaration = index.resolve(name, type.getSourceFile());
  if (declaration && Node.isInterfaceDeclaration(declaration)) {
    const bound = bindArguments(declaration, type.getTypeArguments(), substitution);
    return { members: interfaceMembers(declaration, index, depth), typeName: declaration.getName(), ...(bound.size > 0 && { substitution: bound }) };
  }
  if (declaration && Node.isTypeAliasDeclaration(declaration)) {
    const aliased = declaration.getTypeNode();
    const inner = aliased && objectMembers(aliased, index, bindArguments(declaration, type.getTypeArguments(), substitution), depth + 1);
    return inner && { ...inner, typeName: declaration.getName() };
  }
  return undefined;
}
