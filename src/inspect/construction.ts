import type { ClassDeclaration, ConstructorDeclaration, MethodDeclaration, ParameterDeclaration, TypeNode } from 'ts-morph';
import { Node, Scope, SyntaxKind } from './ts-morph.js';
import type { ConstructionModel, ConstructionParameter, FieldModel, ResultUnwrap } from '../model/domain.js';
import type { InspectContext } from './context.js';
import { baseChain, noSubstitution, objectMembers, substitute, type Substitution } from './heritage.js';
import { factoryReturn } from './result-wrapper.js';

/** Factory names in order of preference: those that rebuild stored state come before `create`. */
const preferredFactories = ['reconstitute', 'fromPersistence', 'fromPrimitives', 'restore', 'rehydrate', 'hydrate', 'fromSnapshot', 'create'];

interface Candidate {
  kind: 'static-factory' | 'constructor';
  method: string;
  isPublic: boolean;
  parameters: ParameterDeclaration[];
  substitution: Substitution;
  result?: ResultUnwrap;
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

const primitiveKeywords = new Set([SyntaxKind.StringKeyword, SyntaxKind.NumberKeyword, SyntaxKind.BooleanKeyword, SyntaxKind.BigIntKeyword]);

/** The written type without `| null`/`| undefined`, and of the elements of an array. */
function coreType(node: TypeNode): TypeNode {
  if (Node.isUnionTypeNode(node)) {
    const rest = node
      .getTypeNodes()
      .filter(
        (part) => part.getKind() !== SyntaxKind.UndefinedKeyword && !(Node.isLiteralTypeNode(part) && part.getLiteral().getKind() === SyntaxKind.NullKeyword),
      );
    return rest.length === 1 && rest[0] ? coreType(rest[0]) : node;
  }
  if (Node.isArrayTypeNode(node)) return coreType(node.getElementTypeNode());
  if (Node.isParenthesizedTypeNode(node) || Node.isTypeOperatorTypeNode(node)) return coreType(node.getTypeNode());
  return node;
}

/**
 * Whether a parameter typed `node` takes a field's value as the domain holds it (`same`), the primitive inside its
 * value object (`raw`: `fromPrimitives({ id: string })` for an `id: CourseId`), or neither (`create(title: PostTitle)`
 * cannot take a slug's string).
 */
function fit(node: TypeNode | undefined, field: FieldModel, context: InspectContext): 'same' | 'raw' | 'none' {
  const kind = field.type?.kind;
  if (!node || !kind) return 'same';
  const core = coreType(node);
  const primitive = primitiveKeywords.has(core.getKind()) || (Node.isTypeReference(core) && core.getTypeName().getText() === 'Date');
  if (kind === 'valueObject' || kind === 'identity') return primitive ? 'raw' : 'same';
  if (kind === 'primitive' || kind === 'enum') {
    const declared = Node.isTypeReference(core) ? context.index.resolve(core.getTypeName().getText(), core.getSourceFile()) : undefined;
    return declared && Node.isClassDeclaration(declared) ? 'none' : 'same';
  }
  return 'same';
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
  const byName = new Map(fields.map((field) => [field.name, field]));
  const parameters: ConstructionParameter[] = [];
  const covered = new Set<string>();
  let complete = true;
  candidate.parameters.forEach((parameter, position) => {
    const optional = parameter.hasQuestionToken() || parameter.hasInitializer();
    const name = parameter.getName().replace(/^_/, '');
    const written = parameter.getTypeNode();
    const typeNode = written && substitute(written, candidate.substitution);
    const members = written && objectMembers(written, context.index, candidate.substitution);
    const inProps = members?.members.filter((member) => names.has(member.getName())) ?? [];
    const memberType = (member: (typeof inProps)[number]) => {
      const node = member.getTypeNode();
      return node && substitute(node, members?.substitution ?? noSubstitution);
    };
    const fits = inProps.map((member) => fit(memberType(member), byName.get(member.getName())!, context));
    const sole = candidate.parameters.length === 1 && fields.length === 1 ? fields[0]?.name : undefined;
    const field = names.has(name) ? name : inProps.length === 0 ? sole : undefined;
    const fieldFit = field === undefined ? 'none' : fit(typeNode, byName.get(field)!, context);
    if (field !== undefined && fieldFit !== 'none') {
      parameters.push({ kind: 'field', field, optional, ...(fieldFit === 'raw' && { raw: true }) });
      covered.add(field);
    } else if (inProps.length > 0 && !fits.includes('none')) {
      const raw = inProps.filter((_, position) => fits[position] === 'raw').map((member) => member.getName());
      parameters.push({
        kind: 'props',
        fields: inProps.map((member) => member.getName()),
        ...(members?.typeName && { typeName: members.typeName }),
        ...(raw.length > 0 && { raw }),
      });
      inProps.forEach((member) => covered.add(member.getName()));
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
  const factories: Candidate[] = declaration.getStaticMethods().flatMap((method) => {
    const returned = isPublic(method) ? factoryReturn(method, name, context.index) : undefined;
    if (!returned) return [];
    return [
      {
        kind: 'static-factory' as const,
        method: method.getName(),
        isPublic: true,
        parameters: method.getParameters(),
        substitution: noSubstitution,
        ...(returned.result && { result: returned.result }),
      },
    ];
  });
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
    (constructor.complete && constructor.candidate.isPublic ? constructor : undefined);
  if (!chosen) return unavailable(name, constructor, factories);
  const { candidate, parameters } = chosen;
  if (candidate.kind === 'constructor') return { kind: 'constructor', parameters };
  return { kind: 'static-factory', method: candidate.method, parameters, ...(candidate.result && { result: candidate.result }) };
}

/** No public way takes the stored fields: say why, and which static method would do. */
function unavailable(name: string, constructor: Matched, factories: readonly Candidate[]): ConstructionModel {
  const why = !constructor.candidate.isPublic
    ? `its constructor is not public and no public static factory returning a ${name} takes its fields`
    : `neither its constructor nor a public static factory returning a ${name} takes its fields`;
  const tried = factories.length > 0 ? ` (${factories.map((factory) => `${factory.method}()`).join(', ')} take other arguments)` : '';
  return {
    kind: 'unavailable',
    reason: `${name} cannot be rebuilt from stored values: ${why}${tried}`,
    hint: `add \`static reconstitute(props: ...): ${name}\` to ${name}, taking every stored field (or their primitives), or make its constructor public`,
  };
}
