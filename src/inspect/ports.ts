import type { InterfaceDeclaration, MethodSignature, TypeNode } from 'ts-morph';
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
}

/** A port's method with the type arguments its interface received (`Repository<Order, OrderId>`). */
interface BoundMethod {
  method: MethodSignature;
  bindings: ReadonlyMap<string, TypeNode>;
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

/** Own methods first, then those of extended interfaces declared in the domain, not overridden. */
function portMethods(declaration: InterfaceDeclaration, context: InspectContext, bindings: ReadonlyMap<string, TypeNode>, depth = 0): BoundMethod[] {
  const own = declaration.getMethods().map((method) => ({ method, bindings }));
  if (depth > 5) return own;
  const names = new Set(own.map(({ method }) => method.getName()));
  const inherited: BoundMethod[] = [];
  for (const heritage of declaration.getExtends()) {
    const base = context.index.resolve(heritage.getExpression().getText(), declaration.getSourceFile());
    if (!base || !Node.isInterfaceDeclaration(base)) continue;
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

/** The methods of a port interface and every type name its signatures use, with the file declaring it. */
export function portShape(declaration: InterfaceDeclaration, context: InspectContext): PortShape {
  const methods: MethodSignatureModel[] = [];
  const references = new Map<string, TypeReference>();
  const addReferences = (node: TypeNode | undefined, skip: ReadonlySet<string>, bindings: ReadonlyMap<string, TypeNode>): void => {
    for (const reference of node ? typeReferenceNodes(node) : []) {
      const name = referenceName(reference);
      const bound = bindings.get(name);
      if (bound) addReferences(bound, skip, new Map());
      if (bound || globals.has(name) || skip.has(name) || references.has(name)) continue;
      const found = context.index.resolve(name, reference.getSourceFile());
      references.set(name, found ? { name, file: relativeFile(found.getSourceFile()) } : { name });
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
  return { methods, typeReferences: [...references.values()] };
}
