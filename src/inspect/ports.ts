import { Node, type InterfaceDeclaration } from 'ts-morph';
import type { MethodSignatureModel, TypeReference } from '../model/domain.js';
import type { InspectContext } from './context.js';
import { locationOf, relativeFile } from './project.js';
import { referenceName, typeReferenceNodes } from './type-references.js';

/** Global and library-standard names that need no import. */
const globals = new Set(['Promise', 'Array', 'ReadonlyArray', 'Date', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Map', 'Set', 'ReadonlyMap', 'ReadonlySet', 'Iterable', 'AsyncIterable', 'NonNullable', 'Error']);

export interface PortShape {
  methods: MethodSignatureModel[];
  typeReferences: TypeReference[];
}

/** The methods of a port interface and every type name its signatures use, with the file declaring it. */
export function portShape(declaration: InterfaceDeclaration, context: InspectContext): PortShape {
  const methods: MethodSignatureModel[] = [];
  const references = new Map<string, TypeReference>();
  for (const method of declaration.getMethods()) {
    const own = new Set(method.getTypeParameters().map((parameter) => parameter.getName()));
    const parameters = method.getParameters().map((parameter) => ({
      name: parameter.getName(),
      typeText: parameter.getTypeNode()?.getText() ?? 'unknown',
      optional: parameter.hasQuestionToken() || parameter.hasInitializer(),
    }));
    const returnType = method.getReturnTypeNode();
    methods.push({ name: method.getName(), parameters, returnTypeText: returnType?.getText() ?? 'void', location: locationOf(method.getNameNode()) });
    const typeNodes = [...method.getParameters().map((parameter) => parameter.getTypeNode()), returnType];
    for (const reference of typeNodes.flatMap((node) => (node ? typeReferenceNodes(node) : []))) {
      const name = referenceName(reference);
      if (globals.has(name) || own.has(name) || references.has(name) || !Node.isTypeReference(reference)) continue;
      const found = context.index.resolve(name, reference.getSourceFile());
      references.set(name, found ? { name, file: relativeFile(found.getSourceFile()) } : { name });
    }
  }
  return { methods, typeReferences: [...references.values()] };
}

