import type { ClassDeclaration, InterfaceDeclaration, MethodSignature, PropertySignature, SourceFile, TypeNode } from 'ts-morph';
import { Node } from './ts-morph.js';
import type { MethodSignatureModel, TypeReference } from '../model/domain.js';
import { writtenType } from '../model/types.js';
import type { InspectContext } from './context.js';
import { locationOf, relativeFile } from './project.js';
import { readType, type TypeScope } from './type-model.js';
import { referenceName, typeReferenceNodes } from './type-references.js';

/** Global and library-standard names that need no import. */
const globals = new Set(['Promise', 'Array', 'ReadonlyArray', 'Date', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Map', 'Set', 'ReadonlyMap', 'ReadonlySet', 'Iterable', 'AsyncIterable', 'NonNullable', 'Error']);

export interface PortShape {
  methods: MethodSignatureModel[];
  typeReferences: TypeReference[];
  /** An abstract-class port's concrete methods, which its implementations inherit. */
  implementedMethods: string[];
}

/** An interface, or an abstract class used as one (a NestJS injection token). */
export type PortDeclaration = InterfaceDeclaration | ClassDeclaration;

/** What a port's method offers the reader: a method signature, an abstract method, or a function-typed property. */
type PortMethod = Pick<MethodSignature, 'getName' | 'getNameNode' | 'getParameters' | 'getReturnTypeNode' | 'getTypeParameters'>;

/** A port's method with the type arguments its interface received (`Repository<Order, OrderId>`). */
interface BoundMethod {
  method: PortMethod;
  bindings: ReadonlyMap<string, TypeNode>;
}

/** `findById: (id: UserId) => Promise<User | null>`: a property typed as a function, read as the method it declares. */
function functionProperty(property: PropertySignature): PortMethod | undefined {
  const type = property.getTypeNode();
  if (!type || !Node.isFunctionTypeNode(type)) return undefined;
  return {
    getName: () => property.getName(),
    getNameNode: () => property.getNameNode(),
    getParameters: () => type.getParameters(),
    getReturnTypeNode: () => type.getReturnTypeNode(),
    getTypeParameters: () => type.getTypeParameters(),
  } as PortMethod;
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$&');
}

/** `text` with the base interface's type parameters replaced by the arguments written on `extends`. */
function bind(text: string, bindings: ReadonlyMap<string, TypeNode>): string {
  let bound = text;
  for (const [name, node] of bindings) bound = bound.replace(new RegExp(`(?<![\\w.$])${escape(name)}(?![\\w$])`, 'g'), node.getText());
  return bound;
}

/** The methods a port's implementation must write: all of an interface's, an abstract class's abstract ones. */
function declaredMethods(declaration: PortDeclaration): PortMethod[] {
  if (Node.isInterfaceDeclaration(declaration)) return [...declaration.getMethods(), ...declaration.getProperties().flatMap((property) => functionProperty(property) ?? [])];
  return declaration.getInstanceMethods().filter((method) => method.isAbstract());
}

/** What a port extends: the interfaces an interface extends, the class an abstract class extends. */
function heritageOf(declaration: PortDeclaration) {
  if (Node.isInterfaceDeclaration(declaration)) return declaration.getExtends();
  const base = declaration.getExtends();
  return base ? [base] : [];
}

const isPortDeclaration = (node: unknown): node is PortDeclaration =>
  Node.isInterfaceDeclaration(node as Node) || (Node.isClassDeclaration(node as Node) && (node as ClassDeclaration).isAbstract());

/** An abstract-class port's concrete methods, its bases' included. */
function concreteMethods(declaration: PortDeclaration, context: InspectContext, depth = 0): string[] {
  if (!Node.isClassDeclaration(declaration) || depth > 5) return [];
  const own = declaration.getInstanceMethods().filter((method) => !method.isAbstract()).map((method) => method.getName());
  const base = declaration.getExtends();
  const resolved = base && context.index.resolve(base.getExpression().getText(), declaration.getSourceFile());
  return [...own, ...(resolved && Node.isClassDeclaration(resolved) ? concreteMethods(resolved, context, depth + 1) : [])];
}

/** Own methods first, then those of extended interfaces (or abstract classes) declared in the domain, not overridden. */
function portMethods(declaration: PortDeclaration, context: InspectContext, bindings: ReadonlyMap<string, TypeNode>, depth = 0): BoundMethod[] {
  const own = declaredMethods(declaration).map((method) => ({ method, bindings }));
  if (depth > 5) return own;
  const names = new Set([...own.map(({ method }) => method.getName()), ...concreteMethods(declaration, context)]);
  const inherited: BoundMethod[] = [];
  for (const heritage of heritageOf(declaration)) {
    const base = context.index.resolve(heritage.getExpression().getText(), declaration.getSourceFile());
    if (!base || !isPortDeclaration(base)) continue;
    const args = heritage.getTypeArguments();
    const baseBindings = new Map<string, TypeNode>();
    base.getTypeParameters().forEach((parameter, position) => {
      const arg = args[position] ?? parameter.getDefault();
      if (arg) baseBindings.set(parameter.getName(), bindings.get(arg.getText()) ?? arg);
    });
    for (const bound of portMethods(base, context, baseBindings, depth + 1)) {
      if (!names.has(bound.method.getName())) inherited.push(bound);
    }
  }
  return [...own, ...inherited];
}

/** The bare specifier (a package or a path alias) `file` imports `name` from, when it imports it from one. */
function bareImport(name: string, file: SourceFile): string | undefined {
  for (const declaration of file.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
    if (declaration.getNamedImports().some((named) => (named.getAliasNode()?.getText() ?? named.getName()) === name && named.getName() === name)) return specifier;
  }
  return undefined;
}

/** The methods of a port and every type name its signatures use, with the file declaring it. */
export function portShape(declaration: PortDeclaration, context: InspectContext): PortShape {
  const methods: MethodSignatureModel[] = [];
  const references = new Map<string, TypeReference>();
  const addReferences = (node: TypeNode | undefined, skip: ReadonlySet<string>, bindings: ReadonlyMap<string, TypeNode>): void => {
    for (const reference of node ? typeReferenceNodes(node) : []) {
      const name = referenceName(reference);
      const bound = bindings.get(name);
      if (bound) addReferences(bound, skip, new Map());
      if (bound || globals.has(name) || skip.has(name) || references.has(name)) continue;
      const found = context.index.resolve(name, reference.getSourceFile());
      const module = found ? undefined : bareImport(name, reference.getSourceFile());
      references.set(name, found ? { name, file: relativeFile(found.getSourceFile()) } : module ? { name, module } : { name });
    }
  };
  for (const { method, bindings } of portMethods(declaration, context, new Map())) {
    const own = new Set(method.getTypeParameters().map((parameter) => parameter.getName()));
    const scope: TypeScope = { bindings, text: (node) => bind(node.getText(), bindings) };
    const parameters = method.getParameters().map((parameter) => {
      const node = parameter.getTypeNode();
      return {
        name: parameter.getName(),
        type: node ? readType(node, context, scope) : writtenType({ kind: 'other', text: 'unknown' }, 'unknown'),
        optional: parameter.hasQuestionToken() || parameter.hasInitializer(),
      };
    });
    const returnType = method.getReturnTypeNode();
    methods.push({
      name: method.getName(),
      parameters,
      returnType: returnType ? readType(returnType, context, scope) : writtenType({ kind: 'void' }, 'void'),
      location: locationOf(method.getNameNode()),
    });
    for (const node of [...method.getParameters().map((parameter) => parameter.getTypeNode()), returnType]) addReferences(node, own, bindings);
  }
  return { methods, typeReferences: [...references.values()], implementedMethods: concreteMethods(declaration, context) };
}
