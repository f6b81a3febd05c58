// What a static factory returns: the class itself, or a wrapper (`Result<T>`, `Either<E, T>`, `{ ok, value }`) that
// generated code must unwrap, turning a failure into a thrown error.
import type { ClassDeclaration, MethodDeclaration, TypeNode } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import type { ResultUnwrap, WrapperMember } from '../model/domain.js';
import type { DeclarationIndex } from './declarations.js';
import { baseChain } from './heritage.js';

/** Members of a wrapper, by name: whether each is called (a method) or read (a property, getter or literal member). */
type Members = Map<string, boolean>;

/** Wrappers from libraries, read from the package they are imported from. */
const libraries: Record<string, Omit<ResultUnwrap, 'wrapper'>> = {
  neverthrow: { failed: { name: 'isErr', call: true, negate: false }, value: { name: 'value', call: false }, error: { name: 'error', call: false } },
  'oxide.ts': { failed: { name: 'isErr', call: true, negate: false }, value: { name: 'unwrap', call: true }, error: { name: 'unwrapErr', call: true } },
  'true-myth': { failed: { name: 'isErr', call: false, negate: false }, value: { name: 'value', call: false }, error: { name: 'error', call: false } },
};

const failureTests: [string, boolean][] = [
  ['isFailure', false],
  ['isErr', false],
  ['isError', false],
  ['isLeft', false],
  ['isFail', false],
  ['failed', false],
  ['isSuccess', true],
  ['isOk', true],
  ['isRight', true],
  ['ok', true],
  ['success', true],
];
const valueMembers = ['getValue', 'unwrap', 'value', 'getOrThrow', 'get', 'data'];
const errorMembers = ['error', 'errorValue', 'getError', 'unwrapErr', 'err'];

function classMembers(declaration: ClassDeclaration, index: DeclarationIndex, into: Members): void {
  for (const { declaration: link } of baseChain(declaration, index)) {
    const visible = (member: { hasScopeKeyword(): boolean; getScope(): Scope | undefined }): boolean =>
      !member.hasScopeKeyword() || member.getScope() === Scope.Public;
    for (const member of link.getInstanceProperties()) {
      if (Node.isParameterDeclaration(member) || Node.isPropertyDeclaration(member) || Node.isGetAccessorDeclaration(member)) {
        if (visible(member) && !into.has(member.getName())) into.set(member.getName(), false);
      }
    }
    for (const method of link.getInstanceMethods()) if (visible(method) && !into.has(method.getName())) into.set(method.getName(), true);
  }
}

/** The members of every form a wrapper type can take: a class, a union of classes, object literals or interfaces. */
function wrapperMembers(node: TypeNode, index: DeclarationIndex, into: Members, depth = 0): boolean {
  if (depth > 6) return false;
  if (Node.isUnionTypeNode(node)) return node.getTypeNodes().every((part) => wrapperMembers(part, index, into, depth + 1));
  if (Node.isParenthesizedTypeNode(node)) return wrapperMembers(node.getTypeNode(), index, into, depth + 1);
  if (Node.isTypeLiteral(node)) {
    for (const member of node.getMembers()) {
      if (Node.isPropertySignature(member)) into.set(member.getName(), false);
      else if (Node.isMethodSignature(member)) into.set(member.getName(), true);
    }
    return true;
  }
  if (!Node.isTypeReference(node)) return false;
  const declaration = index.resolve(node.getTypeName().getText(), node.getSourceFile());
  if (!declaration) return false;
  if (Node.isClassDeclaration(declaration)) {
    classMembers(declaration, index, into);
    return true;
  }
  if (Node.isInterfaceDeclaration(declaration)) {
    for (const member of declaration.getProperties()) into.set(member.getName(), false);
    for (const member of declaration.getMethods()) into.set(member.getName(), true);
    return true;
  }
  const aliased = Node.isTypeAliasDeclaration(declaration) ? declaration.getTypeNode() : undefined;
  return aliased ? wrapperMembers(aliased, index, into, depth + 1) : false;
}

function recipe(wrapper: string, members: Members): ResultUnwrap | undefined {
  const failure = failureTests.find(([name]) => members.has(name));
  const value = valueMembers.find((name) => members.has(name));
  if (!failure || !value) return undefined;
  const error = errorMembers.find((name) => members.has(name));
  const member = (name: string): WrapperMember => ({ name, call: members.get(name) ?? false });
  return { wrapper, failed: { ...member(failure[0]), negate: failure[1] }, value: member(value), ...(error && { error: member(error) }) };
}

/** How to unwrap a value of the wrapper type `node` names (`Result<Post>`); undefined when infragen cannot tell. */
export function resultUnwrap(node: TypeNode, index: DeclarationIndex): ResultUnwrap | undefined {
  if (!Node.isTypeReference(node)) return undefined;
  const name = node.getTypeName().getText();
  const specifier = index.importSpecifier(name.split('.')[0] ?? name, node.getSourceFile()) ?? '';
  // `true-myth/result` is the same Result as `true-myth`.
  const library = libraries[specifier] ?? libraries[specifier.split('/')[0] ?? ''];
  if (library) return { wrapper: name, ...library };
  const members: Members = new Map();
  return wrapperMembers(node, index, members) ? recipe(name, members) : undefined;
}

/** What a factory gives back: the class (`result` absent), a wrapper of it with how to unwrap it, or neither. */
export type FactoryReturn = { result?: ResultUnwrap } | undefined;

const buildsWrapper = /\b(?:ok|fail|right|left|err|Ok|Err|Right|Left|success|failure)\s*(?:<[^>]*>)?\s*\(/;

export function factoryReturn(method: MethodDeclaration, className: string, index: DeclarationIndex): FactoryReturn {
  const returned = method.getReturnTypeNode();
  if (!returned) {
    const body = method.getBody()?.getText() ?? '';
    return body.includes(`new ${className}(`) && !buildsWrapper.test(body) ? {} : undefined;
  }
  const text = returned.getText();
  if (text === className || text === 'this') return {};
  if (!Node.isTypeReference(returned) || !returned.getTypeArguments().some((argument) => argument.getText() === className)) return undefined;
  const result = resultUnwrap(returned, index);
  return result && { result };
}
