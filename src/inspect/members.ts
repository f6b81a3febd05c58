import type { ClassDeclaration, GetAccessorDeclaration, InterfaceDeclaration, MethodDeclaration, PropertySignature, TypeAliasDeclaration, TypeNode } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import type { EntityStyle, FieldAccessor } from '../model/domain.js';
import type { DeclarationIndex } from './declarations.js';
import { baseChain, interfaceMembers, noSubstitution, objectMembers, type Substitution } from './heritage.js';

/** A member that may become a field, before its type is mapped. */
export interface RawMember {
  name: string;
  typeNode?: TypeNode;
  substitution: Substitution;
  /** A type guessed from an initializer when no type is written (`tags = []` has none). */
  inferredType?: string;
  optional: boolean;
  nameNode: Node;
  /** Nodes whose JSDoc holds the field's tags: the field, its getter, its constructor parameter. */
  docNodes: Node[];
  accessor: FieldAccessor;
  origin: 'property' | 'parameter' | 'getter' | 'props' | 'signature';
}

export interface ClassShape {
  style: EntityStyle;
  members: RawMember[];
  /** Private state no getter exposes (`private value: T`), not fields but telling for value objects. */
  hidden: RawMember[];
  /** The type holding the state of a props-style class, when there is one. */
  propsType?: { node: TypeNode; substitution: Substitution };
}

interface Stored {
  name: string;
  typeNode?: TypeNode;
  substitution: Substitution;
  inferredType?: string;
  optional: boolean;
  node: Node;
  nameNode: Node;
  origin: 'property' | 'parameter';
}

const propsNames = new Set(['props', '_props', 'state', '_state']);
/** Readers that convert rather than expose: they make the hidden value of a value object readable, not a field. */
const conversions = new Set(['toValue', 'valueOf', 'toString', 'toJSON', 'toPrimitive', 'toPrimitives']);
const readerBody = /^return\s+this\.(?:(?:props|_props|state|_state)\.)?[#_]?(\w+)\s*;?$/;

/** The member a public method or getter returns as it is (`getName() { return this.name; }`), if any. */
function readMember(method: MethodDeclaration | GetAccessorDeclaration): string | undefined {
  if (method.isStatic() || method.getParameters().length > 0 || (method.hasScopeKeyword() && method.getScope() !== Scope.Public)) return undefined;
  const statements = method.getStatements();
  const [only] = statements;
  return statements.length === 1 && only ? readerBody.exec(only.getText().trim())?.[1] : undefined;
}
const eventState = /events$/i;

/** A public method without parameters returning the props whole or copied: `return this.props`, `{ ...this.props }`. */
function readsAllProps(method: MethodDeclaration): boolean {
  if (method.isStatic() || method.getParameters().length > 0 || (method.hasScopeKeyword() && method.getScope() !== Scope.Public)) return false;
  const body = method.getBody()?.getText() ?? '';
  return /\.\.\.this\.(?:props|_props|state|_state)\b|return\s+(?:Object\.freeze\(|structuredClone\()?this\.(?:props|_props|state|_state)\s*\)?\s*;/.test(body);
}

function inferType(initializer: Node | undefined): string | undefined {
  if (!initializer) return undefined;
  if (Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer)) return 'string';
  if (Node.isNumericLiteral(initializer)) return 'number';
  if (Node.isTrueLiteral(initializer) || Node.isFalseLiteral(initializer)) return 'boolean';
  if (Node.isNewExpression(initializer)) return initializer.getExpression().getText();
  return undefined;
}

const property = (stored: Stored, accessor: FieldAccessor, extraDocs: Node[] = []): RawMember => ({
  name: stored.name,
  ...(stored.typeNode && { typeNode: stored.typeNode }),
  substitution: stored.substitution,
  ...(stored.inferredType && { inferredType: stored.inferredType }),
  optional: stored.optional,
  nameNode: stored.nameNode,
  docNodes: [stored.node, ...extraDocs],
  accessor,
  origin: stored.origin,
});

function withIdFirst(members: RawMember[]): RawMember[] {
  return [...members.filter((member) => member.name === 'id'), ...members.filter((member) => member.name !== 'id')];
}

/**
 * The fields of a class, its bases included: public properties and parameter properties; getters backed by a
 * private `_x`/`#x`; or, when a `props` member holds the state, the members of its type (readable
 * when a getter or public property of that name exists). Static members, methods, unbacked private members and
 * domain-event lists inherited from bases are not fields.
 */
export function classShape(declaration: ClassDeclaration, index: DeclarationIndex, substitution: Substitution = noSubstitution): ClassShape {
  const publicMembers = new Map<string, Stored>();
  const backing = new Map<string, Stored>();
  const getters = new Map<string, GetAccessorDeclaration>();
  const readers = new Map<string, MethodDeclaration | GetAccessorDeclaration>();
  /** The type parameters of the class declaring each getter, bound (`get id(): TId` in a base → the subclass's id type). */
  const getterSubstitutions = new Map<GetAccessorDeclaration, Substitution>();
  let propsType: ClassShape['propsType'];
  /** A public method giving the whole props (`getProps()` returning `{ id, ...this.props }`), when the class has one. */
  let propsReader: string | undefined;
  for (const link of baseChain(declaration, index, substitution).reverse()) {
    const inherited = link.declaration !== declaration;
    const store = (stored: Stored, scope: Scope | undefined, isPrivateName: boolean): void => {
      if (propsNames.has(stored.name) && stored.typeNode && objectMembers(stored.typeNode, index, link.substitution)) {
        propsType = { node: stored.typeNode, substitution: link.substitution };
      } else if (isPrivateName || scope === Scope.Private || scope === Scope.Protected) {
        backing.set(stored.name.replace(/^[#_]/, ''), stored);
      } else if (!(inherited && eventState.test(stored.name))) publicMembers.set(stored.name, stored);
    };
    for (const parameter of link.declaration.getConstructors()[0]?.getParameters() ?? []) {
      if (!parameter.isParameterProperty()) continue;
      const typeNode = parameter.getTypeNode();
      const inferredType = typeNode ? undefined : inferType(parameter.getInitializer());
      const stored: Stored = { name: parameter.getName(), ...(typeNode && { typeNode }), ...(inferredType && { inferredType }), substitution: link.substitution, optional: parameter.hasQuestionToken(), node: parameter, nameNode: parameter.getNameNode(), origin: 'parameter' };
      store(stored, parameter.getScope(), false);
    }
    for (const member of link.declaration.getProperties()) {
      // A symbol-keyed member (`[INTERNAL_EVENTS]: E[]` in a framework's base class) is bookkeeping, never a column.
      if (member.isStatic() || Node.isComputedPropertyName(member.getNameNode())) continue;
      const typeNode = member.getTypeNode();
      const inferredType = typeNode ? undefined : inferType(member.getInitializer());
      const nameNode = member.getNameNode();
      const stored: Stored = { name: member.getName(), ...(typeNode && { typeNode }), ...(inferredType && { inferredType }), substitution: link.substitution, optional: member.hasQuestionToken(), node: member, nameNode, origin: 'property' };
      store(stored, member.hasScopeKeyword() ? member.getScope() : Scope.Public, Node.isPrivateIdentifier(nameNode));
    }
    for (const getter of link.declaration.getGetAccessors()) {
      if (getter.isStatic() || getter.hasScopeKeyword() && getter.getScope() !== Scope.Public) continue;
      if (inherited && eventState.test(getter.getName())) continue;
      getters.set(getter.getName(), getter);
      getterSubstitutions.set(getter, link.substitution);
      // A getter under another name (`get commentId() { return this._id; }`) reads that member.
      const read = readMember(getter);
      if (read && read !== getter.getName()) readers.set(read, getter);
    }
    for (const method of link.declaration.getInstanceMethods()) {
      if (readsAllProps(method)) propsReader = method.getName();
      const read = readMember(method);
      const taken = readers.get(read ?? '');
      if (read && !(inherited && eventState.test(read)) && !(taken && (Node.isGetAccessorDeclaration(taken) || conversions.has(method.getName())))) readers.set(read, method);
    }
  }
  const readerAccessor = (name: string): FieldAccessor | undefined => {
    const reader = readers.get(name);
    if (!reader || conversions.has(reader.getName())) return undefined;
    return { kind: Node.isGetAccessorDeclaration(reader) ? 'property' : 'method', name: reader.getName() };
  };
  const members: RawMember[] = [];
  const fromProps = propsType && objectMembers(propsType.node, index, propsType.substitution);
  for (const signature of fromProps?.members ?? []) {
    const getter = getters.get(signature.getName());
    const typeNode = signature.getTypeNode();
    const reader = getter || publicMembers.has(signature.getName()) ? undefined : (readerAccessor(signature.getName()) ?? (propsReader ? { kind: 'via' as const, method: propsReader, name: signature.getName() } : undefined));
    members.push({
      name: signature.getName(),
      ...(typeNode && { typeNode }),
      substitution: fromProps?.substitution ?? noSubstitution,
      optional: signature.hasQuestionToken(),
      nameNode: signature.getNameNode(),
      docNodes: getter ? [signature, getter] : readers.has(signature.getName()) ? [signature, readers.get(signature.getName())!] : [signature],
      accessor: getter || publicMembers.has(signature.getName()) ? { kind: 'property', name: signature.getName() } : (reader ?? { kind: 'none' }),
      origin: 'props',
    });
  }
  const taken = new Set(members.map((member) => member.name));
  for (const stored of publicMembers.values()) {
    if (!taken.has(stored.name)) members.push(property(stored, { kind: 'property', name: stored.name }));
  }
  for (const [name, getter] of getters) {
    const stored = backing.get(name);
    if (taken.has(name) || !stored) continue;
    const returnType = getter.getReturnTypeNode();
    const typed = returnType ? { ...stored, typeNode: returnType, substitution: getterSubstitutions.get(getter) ?? noSubstitution } : stored;
    members.push({ ...property(typed, { kind: 'property', name }, [getter]), name, nameNode: getter.getNameNode(), origin: 'getter' });
  }
  // Private state read through an accessor method (`getName()`, `isActive()`): a field, read by calling it.
  const present = new Set(members.map((member) => member.name));
  for (const [name, stored] of [...backing].sort(([, a], [, b]) => a.node.getStart() - b.node.getStart())) {
    const accessor = readerAccessor(name);
    if (present.has(name) || getters.has(name) || !accessor) continue;
    members.push({ ...property(stored, accessor, [readers.get(name)!]), name, origin: 'getter' });
  }
  const read = new Set(members.map((member) => member.name));
  const hidden = [...backing].filter(([name]) => !getters.has(name) && !read.has(name)).map(([, stored]) => property(stored, { kind: 'none' }));
  const snapshot = members.every((member) => member.accessor.kind === 'none') && hidden.some((member) => !eventState.test(member.name)) ? snapshotMembers(declaration, index) : undefined;
  if (snapshot) return { style: 'getters', members: withIdFirst(snapshot), hidden: [], ...(propsType && { propsType }) };
  const origins = new Set(members.filter((member) => member.name !== 'id').map((member) => member.origin));
  const style: EntityStyle = propsType ? 'props-base' : origins.has('getter') ? 'getters' : origins.has('parameter') ? 'constructor-properties' : 'public-fields';
  return { style, members: withIdFirst(members), hidden, ...(propsType && { propsType }) };
}

const snapshotMethods = ['toPrimitives', 'toSnapshot', 'toJSON', 'toDTO', 'toPlain'];

/**
 * A class whose state is all private and read only through a snapshot (`toPrimitives(): OrderPrimitives`): the
 * snapshot type's members are its fields, read through that method (`order.toPrimitives().total`).
 */
function snapshotMembers(declaration: ClassDeclaration, index: DeclarationIndex): RawMember[] | undefined {
  for (const link of baseChain(declaration, index)) {
    for (const name of snapshotMethods) {
      const method = link.declaration.getInstanceMethod(name);
      const returned = method && !method.isAbstract() && method.getParameters().length === 0 ? method.getReturnTypeNode() : undefined;
      const shape = returned && objectMembers(returned, index, link.substitution);
      if (!shape || shape.members.length === 0) continue;
      return shape.members.map((signature) => {
        const typeNode = signature.getTypeNode();
        return {
          name: signature.getName(),
          ...(typeNode && { typeNode }),
          substitution: shape.substitution ?? noSubstitution,
          optional: signature.hasQuestionToken(),
          nameNode: signature.getNameNode(),
          docNodes: [signature],
          accessor: { kind: 'via', method: name, name: signature.getName() },
          origin: 'props',
        };
      });
    }
  }
  return undefined;
}

/** The fields of an interface (its `extends` included) or an object type alias. */
export function objectShape(declaration: InterfaceDeclaration | TypeAliasDeclaration, index: DeclarationIndex): RawMember[] | undefined {
  const typeNode = Node.isInterfaceDeclaration(declaration) ? undefined : declaration.getTypeNode();
  const members = Node.isInterfaceDeclaration(declaration) ? interfaceMembers(declaration, index) : typeNode && objectMembers(typeNode, index)?.members;
  return members?.map(signatureMember);
}

/** A property signature as a member; a quoted name (`"it's": string`) is the text inside the quotes. */
export function signatureMember(signature: PropertySignature): RawMember {
  const typeNode = signature.getTypeNode();
  const nameNode = signature.getNameNode();
  return {
    name: Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode) ? nameNode.getLiteralValue() : signature.getName(),
    ...(typeNode && { typeNode }),
    substitution: noSubstitution,
    optional: signature.hasQuestionToken(),
    nameNode,
    docNodes: [signature],
    accessor: { kind: 'property', name: signature.getName() },
    origin: 'signature',
  };
}
