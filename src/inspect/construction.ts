import type { ClassDeclaration, ConstructorDeclaration, MethodDeclaration, ParameterDeclaration } from 'ts-morph';
import { Scope } from './ts-morph.js';
import type { ConstructionModel, ConstructionParameter, FieldModel } from '../model/domain.js';
import type { InspectContext } from './context.js';
import { baseChain, noSubstitution, objectMembers, substitute, type Substitution } from './heritage.js';

/** Factory names in order of preference: those that rebuild stored state come before `create`. */
const preferredFactories = ['reconstitute', 'fromPersistence', 'fromPrimitives', 'restore', 'hydrate', 'create'];

interface Candidate {
  kind: 'static-factory' | 'constructor';
  method: string;
  isPublic: boolean;
  parameters: ParameterDeclaration[];
  substitution: Substitution;
}

interface Matched {
  candidate: Candidate;
  parameters: ConstructionParameter[];
  /** Every required parameter maps to fields. */
  complete: boolean;
  /** Every required field is passed. */
  covering: boolean;
  covered: number;
}

const isPublic = (member: MethodDeclaration | ConstructorDeclaration): boolean => !member.hasScopeKeyword() || member.getScope() === Scope.Public;

function returnsClass(method: MethodDeclaration, name: string): boolean {
  const returned = method.getReturnTypeNode()?.getText();
  if (returned !== undefined) return returned === name || returned === 'this';
  return method.getBody()?.getText().includes(`new ${name}(`) ?? false;
}

function constructorCandidate(declaration: ClassDeclaration, context: InspectContext): Candidate {
  for (const link of baseChain(declaration, context.index)) {
    const [constructor] = link.declaration.getConstructors();
    if (constructor) {
      return { kind: 'constructor', method: 'constructor', isPublic: isPublic(constructor), parameters: constructor.getParameters(), substitution: link.substitution };
    }
  }
  return { kind: 'constructor', method: 'constructor', isPublic: true, parameters: [], substitution: noSubstitution };
}

function matchParameters(candidate: Candidate, fields: readonly FieldModel[], context: InspectContext): Matched {
  const names = new Set(fields.map((field) => field.name));
  const parameters: ConstructionParameter[] = [];
  const covered = new Set<string>();
  let complete = true;
  candidate.parameters.forEach((parameter, position) => {
    const optional = parameter.hasQuestionToken() || parameter.hasInitializer();
    const name = parameter.getName().replace(/^_/, '');
    const typeNode = parameter.getTypeNode();
    const members = typeNode && objectMembers(substitute(typeNode, candidate.substitution), context.index);
    const inProps = members?.members.map((member) => member.getName()).filter((member) => names.has(member)) ?? [];
    const sole = candidate.parameters.length === 1 && fields.length === 1 ? fields[0]?.name : undefined;
    if (names.has(name) || (sole && inProps.length === 0)) {
      const field = names.has(name) ? name : (sole ?? name);
      parameters.push({ kind: 'field', field, optional });
      covered.add(field);
    } else if (inProps.length > 0) {
      parameters.push({ kind: 'props', fields: inProps, ...(members?.typeName && { typeName: members.typeName }) });
      inProps.forEach((field) => covered.add(field));
    } else if (!optional || candidate.parameters.slice(position).some((later) => !later.hasQuestionToken() && !later.hasInitializer())) {
      complete = false;
    }
  });
  const covering = fields.every((field) => covered.has(field.name) || field.optional || field.tags.ignore);
  return { candidate, parameters, complete, covering, covered: covered.size };
}

const rank = (method: string): number => {
  const position = preferredFactories.indexOf(method);
  return position === -1 ? preferredFactories.length : position;
};

/**
 * How to rebuild a class from its fields: the preferred public static factory returning the class whose parameters
 * cover the fields, else the public constructor (inherited ones included), else the closest partial match.
 */
export function classConstruction(declaration: ClassDeclaration, fields: readonly FieldModel[], context: InspectContext): ConstructionModel {
  const name = declaration.getName() ?? 'default';
  const factories: Candidate[] = declaration
    .getStaticMethods()
    .filter((method) => isPublic(method) && returnsClass(method, name))
    .map((method) => ({ kind: 'static-factory', method: method.getName(), isPublic: true, parameters: method.getParameters(), substitution: noSubstitution }));
  const matchedFactories = factories
    .map((candidate) => matchParameters(candidate, fields, context))
    .filter((matched) => matched.complete)
    .sort((a, b) => rank(a.candidate.method) - rank(b.candidate.method));
  const constructor = matchParameters(constructorCandidate(declaration, context), fields, context);
  const publicConstructor = constructor.candidate.isPublic && constructor.complete ? constructor : undefined;
  const chosen =
    matchedFactories.find((matched) => matched.covering) ??
    (publicConstructor?.covering ? publicConstructor : undefined) ??
    publicConstructor ??
    [...matchedFactories].sort((a, b) => b.covered - a.covered)[0] ??
    constructor;
  const { candidate, parameters } = chosen;
  return candidate.kind === 'static-factory' ? { kind: 'static-factory', method: candidate.method, parameters } : { kind: 'constructor', parameters };
}
