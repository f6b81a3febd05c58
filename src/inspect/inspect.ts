import type { Diagnostic } from '../diagnostics.js';
import type { DomainModel, EntityModel, FieldType, SourceLocation, ValueObjectModel } from '../model/domain.js';
import { classify } from './classify.js';
import { InspectContext } from './context.js';
import { declarationName, DeclarationIndex, sourceRef } from './declarations.js';
import { entityModel, valueObjectModel } from './entities.js';
import { eventModel } from './events.js';
import { portShape } from './ports.js';
import type { PendingEventNames } from './pending-events.js';
import type { ClassDeclaration } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import { loadFromDisk, loadSources, type DiskReads, type LoadedSources } from './project.js';
import { syntaxErrors } from './syntax-errors.js';
import { unstoredShapes } from './unstored-shapes.js';
import { valueObjectCycles } from './value-object-cycles.js';

/** An entity that cannot be stored as written, and the problems (in `diagnostics` too) that stop it alone. */
export interface BlockedEntity {
  entity: string;
  location: SourceLocation;
  /** Why, one line each: its own fields, a value object it holds, an entity it references. */
  reasons: string[];
  diagnostics: Diagnostic[];
}

export interface InspectionResult {
  model: DomainModel;
  diagnostics: Diagnostic[];
  /** Entities whose problems are their own: a run over all entities may skip them and go on with the rest. */
  blocked?: BlockedEntity[];
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

function inspect(sources: LoadedSources, eventNames: PendingEventNames = {}): InspectionResult {
  // A file with a syntax error is read by ts-morph as the parser repaired it: nothing is generated from it.
  const unparsable = syntaxErrors(sources.files);
  if (unparsable.length > 0) return { model: { entities: [], valueObjects: [], events: [], repositoryPorts: [], eventPublisherPorts: [], enums: [] }, diagnostics: unparsable };
  const context = new InspectContext(new DeclarationIndex(sources.files, sources.imported), sources.primary, eventNames);
  classify(context);
  context.diagnostics.push(...unstoredShapes(context));
  const { entities, valueObjects, events, repositoryPorts, publisherPorts } = context.classification;
  // The problems found while reading each entity and value object, so that they stop only what reaches them.
  const owned = new Map<string, Diagnostic[]>();
  const capture = <T>(name: string, build: () => T): T => {
    const before = context.diagnostics.length;
    const built = build();
    owned.set(name, [...(owned.get(name) ?? []), ...context.diagnostics.slice(before)]);
    return built;
  };
  const model: DomainModel = {
    entities: byName([...entities].flatMap((declaration) => capture(declarationName(declaration), () => entityModel(declaration, context)) ?? [])),
    valueObjects: byName([...valueObjects].map((declaration) => capture(declarationName(declaration), () => valueObjectModel(declaration, context)))),
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
  for (const [name, cycle] of valueObjectCycles(model.valueObjects)) {
    context.diagnostics.push(cycle);
    owned.set(name, [...(owned.get(name) ?? []), cycle]);
  }
  const notPersisted = [...context.classification.notPersisted].map(([declaration, reason]) => ({ name: declarationName(declaration), location: sourceRef(declaration), reason }));
  const { dropped, blocked } = localProblems(model, owned);
  for (const [name, problems] of dropped) {
    const valueObject = model.valueObjects.find((candidate) => candidate.name === name);
    const reason = `a value object no entity stores; not checked further (${problems.map((problem) => problem.message).join('; ')})`;
    if (valueObject) notPersisted.push({ name, location: valueObject.source, reason });
  }
  const ignored = new Set([...dropped.values()].flat());
  if (notPersisted.length > 0) model.notPersisted = byName(notPersisted);
  const diagnostics = context.diagnostics.filter((diagnostic) => !ignored.has(diagnostic)).sort(byLocation);
  return { model, diagnostics, ...(blocked.length > 0 && { blocked }) };
}

const heldValueObject = (type: FieldType): string | undefined => (type.kind === 'valueObject' ? type.name : type.kind === 'identity' ? type.valueObject : undefined);

/**
 * Which problems stop what: those of a value object no entity holds are dropped; an entity is blocked by its own
 * errors, those of the value objects it holds (nested ones included) and by the blocked entities it references.
 */
function localProblems(model: DomainModel, owned: ReadonlyMap<string, Diagnostic[]>): { dropped: Map<string, Diagnostic[]>; blocked: BlockedEntity[] } {
  const errors = (name: string) => (owned.get(name) ?? []).filter((diagnostic) => diagnostic.severity === 'error');
  const valueObjects = new Map(model.valueObjects.map((valueObject) => [valueObject.name, valueObject]));
  const held = (fields: EntityModel['fields'], seen = new Set<string>()): Set<string> => {
    for (const field of fields) {
      const name = heldValueObject(field.type);
      const valueObject: ValueObjectModel | undefined = name === undefined ? undefined : valueObjects.get(name);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      if (valueObject?.shape.kind === 'composite') held(valueObject.shape.fields, seen);
    }
    return seen;
  };
  const heldBy = new Map(model.entities.map((entity) => [entity.name, held(entity.fields)]));
  const stored = new Set([...heldBy.values()].flatMap((names) => [...names]));
  const dropped = new Map(model.valueObjects.filter((valueObject) => !stored.has(valueObject.name) && errors(valueObject.name).length > 0).map((valueObject) => [valueObject.name, owned.get(valueObject.name) ?? []]));
  const blocked = new Map<string, BlockedEntity>();
  for (const entity of model.entities) {
    const own = errors(entity.name);
    const fromValueObjects = [...(heldBy.get(entity.name) ?? [])].filter((name) => errors(name).length > 0);
    if (own.length === 0 && fromValueObjects.length === 0) continue;
    const reasons = [
      ...own.map((diagnostic) => diagnostic.message),
      ...fromValueObjects.map((name) => `it holds the value object ${name}, which cannot be stored: ${errors(name).map((diagnostic) => diagnostic.message).join('; ')}`),
    ];
    blocked.set(entity.name, { entity: entity.name, location: entity.source, reasons, diagnostics: [...own, ...fromValueObjects.flatMap(errors)] });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const entity of model.entities) {
      if (blocked.has(entity.name)) continue;
      const target = entity.fields.find((field) => (field.type.kind === 'entity' || field.type.kind === 'identity') && blocked.has(field.type.kind === 'entity' ? field.type.name : field.type.entity));
      if (!target) continue;
      const other = target.type.kind === 'entity' ? target.type.name : target.type.kind === 'identity' ? target.type.entity : '';
      blocked.set(entity.name, { entity: entity.name, location: entity.source, reasons: [`${entity.name}.${target.name} references ${other}, which cannot be stored`], diagnostics: [] });
      changed = true;
    }
  }
  return { dropped, blocked: [...blocked.values()] };
}

/** Inspects in-memory sources keyed by project-relative path (ts-morph's in-memory file system); for tests. */
export function inspectDomainSources(files: Readonly<Record<string, string>>, eventNames: PendingEventNames = {}): InspectionResult {
  return inspect(loadSources(files), eventNames);
}

/**
 * Inspects the project-relative `files` under `root`, and the files they import relatively. `reads`, when
 * given, collects every file read and every import target looked for and not found (the model cache's key).
 */
export function inspectDomain(input: { root: string; files: readonly string[]; reads?: DiskReads; eventNames?: PendingEventNames }): InspectionResult {
  return inspect(loadFromDisk(input.root, input.files, input.reads), input.eventNames);
}
