import type { Diagnostic } from '../diagnostics.js';
import type { DomainModel } from '../model/domain.js';
import { classify } from './classify.js';
import { InspectContext } from './context.js';
import { DeclarationIndex, sourceRef } from './declarations.js';
import { entityModel, valueObjectModel } from './entities.js';
import { eventModel } from './events.js';
import { portShape } from './ports.js';
import type { ClassDeclaration } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import { loadFromDisk, loadSources, type DiskReads, type LoadedSources } from './project.js';

export interface InspectionResult {
  model: DomainModel;
  diagnostics: Diagnostic[];
}

const byName = <T extends { name: string }>(items: T[]): T[] => items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function byLocation(a: Diagnostic, b: Diagnostic): number {
  const [x, y] = [a.location, b.location];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}

function hasNonPublicMembers(declaration: ClassDeclaration): boolean {
  const parameters = declaration.getConstructors().flatMap((constructor) => constructor.getParameters());
  if (parameters.some((parameter) => parameter.isParameterProperty() && parameter.getScope() !== Scope.Public)) return true;
  return declaration.getMembers().some((member) => Node.isScoped(member) && member.getScope() !== Scope.Public);
}

function inspect(sources: LoadedSources): InspectionResult {
  const context = new InspectContext(new DeclarationIndex(sources.files, sources.imported), sources.primary);
  classify(context);
  const { entities, valueObjects, events, repositoryPorts, publisherPorts } = context.classification;
  const model: DomainModel = {
    entities: byName([...entities].flatMap((declaration) => entityModel(declaration, context) ?? [])),
    valueObjects: byName([...valueObjects].map((declaration) => valueObjectModel(declaration, context))),
    events: byName([...events].map((declaration) => eventModel(declaration, context))),
    repositoryPorts: byName(
      [...repositoryPorts].map(([declaration, entity]) => {
        const { implementedMethods, ...shape } = portShape(declaration, context);
        const name = declaration.getName() ?? 'default';
        if (!Node.isClassDeclaration(declaration)) return { name, source: sourceRef(declaration), entity, ...shape };
        // A class whose constructor wants arguments cannot be extended with `super()`: it is implemented like an
        // interface, which TypeScript allows only when all its members are public.
        const needsArguments = declaration.getConstructors().some((constructor) => constructor.getParameters().some((parameter) => !parameter.isOptional()));
        if (needsArguments && !hasNonPublicMembers(declaration)) return { name, source: sourceRef(declaration), entity, ...shape };
        return { name, source: sourceRef(declaration), entity, ...shape, declaredAs: 'abstract-class' as const, implementedMethods, ...(needsArguments ? { needsConstructorArguments: true } : {}) };
      }),
    ),
    eventPublisherPorts: byName(
      [...publisherPorts].map((declaration) => {
        const { methods, typeReferences } = portShape(declaration, context);
        return { name: declaration.getName(), source: sourceRef(declaration), methods, typeReferences };
      }),
    ),
    enums: [],
  };
  model.enums = byName([...context.enums.values()]);
  return { model, diagnostics: [...context.diagnostics].sort(byLocation) };
}

/** Inspects in-memory sources keyed by project-relative path (ts-morph's in-memory file system); for tests. */
export function inspectDomainSources(files: Readonly<Record<string, string>>): InspectionResult {
  return inspect(loadSources(files));
}

/**
 * Inspects the project-relative `files` under `root`, and the files they import relatively. `reads`, when
 * given, collects every file read and every import target looked for and not found (the model cache's key).
 */
export function inspectDomain(input: { root: string; files: readonly string[]; reads?: DiskReads }): InspectionResult {
  return inspect(loadFromDisk(input.root, input.files, input.reads));
}
