import type { ClassDeclaration } from 'ts-morph';
import { warningDiagnostic, type Diagnostic } from '../diagnostics.js';
import { hasIdentity } from './classify.js';
import type { InspectContext } from './context.js';
import { declarationName, sourceRef, type Declaration } from './declarations.js';
import { baseNames } from './heritage.js';
import * as naming from './naming.js';
import { locationOf } from './project.js';
import { Node, SyntaxKind } from './ts-morph.js';

/** A base every entity of a DDD codebase extends (`Entity<P>`, `AggregateRoot<Id>`): being abstract or generic is its job. */
const isFrameworkBase = (name: string): boolean => naming.isEntityBaseName(name) || naming.isValueObjectBaseName(name) || naming.isEventLikeName(name);

/**
 * An abstract or generic class of the domain folders with an identity is never a table of its own (a table has one
 * set of columns of known types): said at the class, naming the subclasses stored in its place, or what to declare.
 */
function abstractOrGeneric(context: InspectContext, declaration: ClassDeclaration): Diagnostic | undefined {
  const name = declarationName(declaration);
  const generic = declaration.getTypeParameters().length > 0;
  if ((!declaration.isAbstract() && !generic) || isFrameworkBase(name) || context.classification.repositoryPorts.has(declaration)) return undefined;
  if (!hasIdentity(context.shape(declaration).members)) return undefined;
  const stored = [...context.classification.entities].filter(
    (entity): entity is ClassDeclaration => Node.isClassDeclaration(entity) && baseNames(entity, context.index).includes(name),
  );
  const subclasses = stored.map(declarationName).sort();
  const kind = declaration.isAbstract() ? 'abstract' : 'generic';
  const instead =
    subclasses.length > 0
      ? `its subclasses ${subclasses.join(', ')} are each stored in a table of their own with its fields, and a field typed ${name} cannot be stored`
      : `no stored subclass extends it`;
  const hint = generic
    ? `to store it, declare a concrete subclass that binds its type parameters (class Text${name} extends ${name}<string> {}); its fields are read with them bound`
    : `to store every ${name} in one table, make it a concrete class with a field telling the kinds apart; a table per subclass needs nothing more`;
  return warningDiagnostic('IG105', `${name} is ${kind}, so it is not stored as a table of its own: ${instead}`, sourceRef(declaration), hint);
}

/** `[key: string]: unknown` on a stored class or interface: what it admits beyond the declared fields is not stored. */
function indexSignatures(declaration: Declaration): Diagnostic[] {
  if (Node.isEnumDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration)) {
    const literal = Node.isTypeAliasDeclaration(declaration) ? declaration.getTypeNode() : undefined;
    if (!literal || !Node.isTypeLiteral(literal)) return [];
    return literal.getIndexSignatures().map((signature) => indexWarning(declarationName(declaration), signature));
  }
  const signatures = Node.isClassDeclaration(declaration)
    ? declaration.getChildrenOfKind(SyntaxKind.SyntaxList).flatMap((list) => list.getChildrenOfKind(SyntaxKind.IndexSignature))
    : declaration.getIndexSignatures();
  return signatures.map((signature) => indexWarning(declarationName(declaration), signature));
}

function indexWarning(name: string, signature: Node): Diagnostic {
  return warningDiagnostic(
    'IG106',
    `${name} has an index signature (${signature.getText().replace(/;$/, '')}): only declared fields are stored, so values set under other keys are lost on save`,
    locationOf(signature),
    'hold such values in a declared field (attributes: Record<string, string> is stored as one Json column), or keep them out of the stored state',
  );
}

/** Warnings for what the domain declares and infragen does not store, so that nothing is dropped without a word. */
export function unstoredShapes(context: InspectContext): Diagnostic[] {
  const { entities, valueObjects } = context.classification;
  const classes = context.index
    .all()
    .filter((declaration): declaration is ClassDeclaration => Node.isClassDeclaration(declaration) && context.primary.has(declaration.getSourceFile()));
  return [...classes.flatMap((declaration) => abstractOrGeneric(context, declaration) ?? []), ...[...entities, ...valueObjects].flatMap(indexSignatures)];
}
