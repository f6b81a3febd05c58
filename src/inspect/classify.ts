// How declarations are classified, in this order:
// - events: non-abstract, non-generic classes named `*Event`/`*DomainEvent`, or extending/implementing a base named
//   like `DomainEvent` (`*Event`); in an `events/` folder, implementing any `*Event*` interface is enough.
// - ports: interfaces, and non-generic abstract classes with abstract methods (NestJS injection tokens), named
//   `XRepository`, `IXRepository`, `XRepositoryPort`, `XRepo` (repository of X; X matches an entity's name
//   regardless of case, `SkuRepository` → `SKU`), and interfaces named `EventBus`, `EventPublisher`,
//   `DomainEventPublisher`, `*EventPublisher` (event publishers).
// - value objects: classes extending a base whose name contains ValueObject/Id/Identifier/Uuid, or classes with
//   fields but no `id` used as the type of a field of an entity, event or value object.
// - entities: non-abstract, non-generic classes, interfaces and object type aliases with an `id` or `@id` member,
//   extending an Entity/AggregateRoot-like base, or tagged `@table(...)`/`@entity`; never value objects, events,
//   ports, props types (type arguments of a base, types of a `props` member or parameter, names ending in Props),
//   interfaces a class implements or another interface extends.
// - entities: commands, queries, DTOs, parameter types, errors, specifications, services, policies and handlers
//   (by name, folder or Error base, see roles.ts) are not models unless a port, an aggregate base or a tag says so.
//   When the domain marks aggregates (a repository port, an AggregateRoot-like base, @entity/@table), an interface or
//   type alias with an id (a snapshot, a view, `UserPrimitives`) is persisted only when an aggregate reaches it.
// - a class named like an event but used as the type of an entity's field is a value object (`TrackingEvent[]`).
// - identity value objects: `XId` identifies X when entity X exists, regardless of case (or when events are named after X).
import type { ClassDeclaration, TypeNode } from 'ts-morph';
import { Node } from './ts-morph.js';
import { declarationName, type Declaration } from './declarations.js';
import { collectionElement } from './collections.js';
import type { InspectContext } from './context.js';
import { baseNames, substitute } from './heritage.js';
import { docText, isEntityTagged } from './jsdoc-tags.js';
import { objectShape, type RawMember } from './members.js';
import { relativeFile } from './project.js';
import * as naming from './naming.js';
import { nonModelRole } from './roles.js';
import { typeReferenceNodes } from './type-references.js';

const isConcrete = (declaration: ClassDeclaration): boolean => !declaration.isAbstract() && declaration.getTypeParameters().length === 0;

/** `name` when only the class's name says it is an event, `heritage` when a base, interface or folder does. */
function eventEvidence(declaration: ClassDeclaration, context: InspectContext): 'name' | 'heritage' | undefined {
  if (!isConcrete(declaration)) return undefined;
  const implemented = declaration.getImplements().map((heritage) => heritage.getExpression().getText());
  const inEventsFolder = /(^|\/)events\//.test(relativeFile(declaration.getSourceFile()));
  if ([...baseNames(declaration, context.index), ...implemented].some(naming.isEventLikeName) || (inEventsFolder && implemented.some((name) => /Event/.test(name)))) return 'heritage';
  return naming.isEventLikeName(declarationName(declaration)) ? 'name' : undefined;
}

/**
 * `abstract class UserRepository { abstract save(user: User): Promise<void> }`, or one that only binds a generic
 * base (`abstract class UserRepository extends Repository<User, UserId> {}`): a port used as an injection token.
 */
function isAbstractPort(declaration: Declaration): declaration is ClassDeclaration {
  if (!Node.isClassDeclaration(declaration) || !declaration.isAbstract() || declaration.getTypeParameters().length > 0) return false;
  return declaration.getMethods().some((method) => method.isAbstract()) || declaration.getExtends() !== undefined;
}

/** The entity a name refers to: the exact name, else the one entity whose name differs only in case (`Sku` → `SKU`). */
function entityNamed(name: string, entityNames: ReadonlySet<string>): string | undefined {
  if (entityNames.has(name)) return name;
  const matches = [...entityNames].filter((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

function resolvedDeclaration(node: TypeNode, context: InspectContext): Declaration | undefined {
  return Node.isTypeReference(node) ? context.index.resolve(node.getTypeName().getText(), node.getSourceFile()) : undefined;
}

const snapshotFactories = /^(fromPrimitives|fromSnapshot|fromJSON|fromJson|fromDTO|fromDto|fromPlain|fromPersistence|reconstitute|restore|rehydrate|hydrate)$/;
const snapshotMethods = /^(toPrimitives|toSnapshot|toJSON|toJson|toDTO|toDto|toPlain|serialize)$/;

/** Types that hold another declaration's state: base type arguments, `props` members and parameters, snapshots. */
function propsTypes(context: InspectContext): Set<Declaration> {
  const found = new Set<Declaration>();
  const add = (node: TypeNode | undefined): void => {
    const declaration = node && resolvedDeclaration(node, context);
    if (declaration && !Node.isClassDeclaration(declaration) && !Node.isEnumDeclaration(declaration)) found.add(declaration);
  };
  for (const declaration of context.index.all()) {
    if (naming.isPropsName(declarationName(declaration)) && !isEntityTagged(docText([declaration]))) found.add(declaration);
    if (!Node.isClassDeclaration(declaration)) continue;
    declaration.getExtends()?.getTypeArguments().forEach(add);
    const props = context.shape(declaration).propsType;
    if (props) add(substitute(props.node, props.substitution));
    const callables = [...declaration.getConstructors(), ...declaration.getStaticMethods()];
    for (const parameter of callables.flatMap((callable) => callable.getParameters())) {
      if (/^_?props$/.test(parameter.getName())) add(parameter.getTypeNode());
    }
    // The plain shapes a class is rebuilt from and snapshots to (`fromPrimitives(plain: CoursePrimitives)`,
    // `toPrimitives(): CoursePrimitives`) describe that class's state; they are not entities of their own.
    for (const method of declaration.getStaticMethods()) {
      if (snapshotFactories.test(method.getName()) && method.getParameters().length === 1) add(method.getParameters()[0]?.getTypeNode());
    }
    for (const method of declaration.getInstanceMethods()) {
      if (snapshotMethods.test(method.getName())) add(method.getReturnTypeNode());
    }
  }
  return found;
}

function membersOf(declaration: Declaration, context: InspectContext): RawMember[] {
  if (Node.isClassDeclaration(declaration)) return context.shape(declaration).members;
  if (Node.isEnumDeclaration(declaration)) return [];
  return objectShape(declaration, context.index) ?? [];
}

/** `class CourseId { constructor(private readonly id: string) {} getValue() {…} }`: an identity value, not an entity. */
function wrapsOneId(declaration: ClassDeclaration, members: readonly RawMember[]): boolean {
  return members.length === 1 && /I[dD]$/.test(declarationName(declaration)) && members[0]?.name === 'id';
}

/** Whether members hold an identity: an `id`, or a member tagged `@id`. */
export function hasIdentity(members: readonly RawMember[]): boolean {
  return members.some((member) => member.name === 'id' || /@id(?![\w.])/.test(docText(member.docNodes)));
}

function isEntity(declaration: Declaration, context: InspectContext, excluded: ReadonlySet<Declaration>): boolean {
  if (excluded.has(declaration) || Node.isEnumDeclaration(declaration)) return false;
  const tagged = isEntityTagged(docText([declaration]));
  if (Node.isClassDeclaration(declaration)) {
    if (!isConcrete(declaration)) return false;
    const { members } = context.shape(declaration);
    return tagged || baseNames(declaration, context.index).some(naming.isEntityBaseName) || (hasIdentity(members) && !wrapsOneId(declaration, members));
  }
  if (declaration.getTypeParameters().length > 0) return false;
  const members = objectShape(declaration, context.index);
  return members !== undefined && (tagged || hasIdentity(members));
}

/**
 * Follows field types from entities, events and value objects: classes with fields but no `id` become value
 * objects; entities declared in files outside the globs (reached through imports) join the model when used.
 */
function addUsedDeclarations(context: InspectContext, outsideEntities: ReadonlySet<Declaration>, namedEvents: ReadonlySet<ClassDeclaration>): void {
  const { entities, events, valueObjects } = context.classification;
  const queue: Declaration[] = [...entities, ...events, ...valueObjects];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const stored = !(Node.isClassDeclaration(next) && events.has(next));
    for (const member of membersOf(next, context)) {
      if (!member.typeNode) continue;
      for (const reference of typeReferenceNodes(substitute(member.typeNode, member.substitution))) {
        const used = resolvedDeclaration(reference, context);
        if (stored && used && Node.isClassDeclaration(used) && namedEvents.has(used) && events.has(used) && !(/events$/i.test(member.name))) {
          // Only its name said "event": held in an entity's state, it is a value (a carrier's `TrackingEvent`).
          events.delete(used);
        }
        if (!used || entities.has(used) || (Node.isClassDeclaration(used) && (events.has(used) || valueObjects.has(used)))) continue;
        if (outsideEntities.has(used)) {
          entities.add(used);
          queue.push(used);
          continue;
        }
        if (!Node.isClassDeclaration(used) || !isConcrete(used)) continue;
        const element = collectionElement(used, context);
        if (element && (entities.has(element) || outsideEntities.has(element))) {
          // A collection of entities (`Comments extends WatchedList<Comment>`) is a one-to-many, not a value object.
          if (!entities.has(element)) {
            entities.add(element);
            queue.push(element);
          }
          continue;
        }
        const { members } = context.shape(used);
        if (members.length === 0 || (members.some((field) => field.name === 'id') && !wrapsOneId(used, members))) continue;
        valueObjects.add(used);
        queue.push(used);
      }
    }
  }
}

/** An aggregate by what the domain says: a repository port, an aggregate-root-like base, an @entity/@table tag. */
function isMarkedAggregate(declaration: Declaration, context: InspectContext): boolean {
  const name = declarationName(declaration);
  const ported = [...context.classification.repositoryPorts.values()].some((entity) => entity.toLowerCase() === name.toLowerCase());
  if (ported || isEntityTagged(docText([declaration]))) return true;
  return Node.isClassDeclaration(declaration) && baseNames(declaration, context.index).some(naming.isAggregateBaseName);
}

/** `class LeaveRequest extends Entity<P>`: its base says it is an entity, whatever its name ends with. */
function extendsEntityBase(declaration: Declaration, context: InspectContext): boolean {
  return Node.isClassDeclaration(declaration) && baseNames(declaration, context.index).some(naming.isEntityBaseName);
}

/** A command, DTO, error… that has an `id` but is no model: recorded with its reason. */
function notAModel(declaration: Declaration, context: InspectContext): boolean {
  const bases = Node.isClassDeclaration(declaration) ? baseNames(declaration, context.index) : [];
  const role = nonModelRole(declarationName(declaration), relativeFile(declaration.getSourceFile()), bases);
  if (role) context.classification.notPersisted.set(declaration, `${role}: not a model`);
  return role !== undefined;
}

/**
 * The entities to persist: every candidate class; interfaces and type aliases too when the domain marks no
 * aggregate, else only those the persisted classes reach, directly (`lines: OrderLine[]`) or by identity.
 */
function persistedEntities(candidates: ReadonlySet<Declaration>, outside: ReadonlySet<Declaration>, context: InspectContext): Set<Declaration> {
  if (![...candidates].some((declaration) => isMarkedAggregate(declaration, context))) return new Set(candidates);
  const roots = [...candidates].filter((declaration) => Node.isClassDeclaration(declaration) || isMarkedAggregate(declaration, context));
  const byName = new Map([...candidates, ...outside].map((declaration) => [declarationName(declaration), declaration]));
  const reached = new Set<Declaration>(roots);
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const member of membersOf(next, context)) {
      if (!member.typeNode) continue;
      for (const reference of typeReferenceNodes(substitute(member.typeNode, member.substitution))) {
        const used = resolvedDeclaration(reference, context);
        const identified = used && /^(\w+)Id$/.exec(declarationName(used))?.[1];
        const target = used && (candidates.has(used) || outside.has(used) ? used : identified ? byName.get(identified) : undefined);
        if (target && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
  }
  for (const declaration of candidates) {
    if (!reached.has(declaration)) {
      context.classification.notPersisted.set(declaration, 'a type with an id that no persisted entity holds or references (tag it @entity to store it)');
    }
  }
  return new Set([...candidates].filter((declaration) => reached.has(declaration)));
}

export function classify(context: InspectContext): void {
  const result = context.classification;
  const declarations = context.index.all();
  const isPrimary = (declaration: Declaration) => context.primary.has(declaration.getSourceFile());
  const implemented = new Set<Declaration>();
  const namedEvents = new Set<ClassDeclaration>();
  for (const declaration of declarations) {
    const heritage = Node.isClassDeclaration(declaration) ? declaration.getImplements() : Node.isInterfaceDeclaration(declaration) ? declaration.getExtends() : [];
    for (const clause of heritage) {
      const target = context.index.resolve(clause.getExpression().getText(), declaration.getSourceFile());
      if (target) implemented.add(target);
    }
  }
  for (const declaration of declarations) {
    const name = declarationName(declaration);
    if (Node.isInterfaceDeclaration(declaration) && isPrimary(declaration)) {
      const entity = naming.repositoryEntity(name);
      if (entity) result.repositoryPorts.set(declaration, entity);
      else if (naming.isPublisherPortName(name)) result.publisherPorts.add(declaration);
    }
    if (isAbstractPort(declaration) && isPrimary(declaration)) {
      const entity = naming.repositoryEntity(name);
      if (entity) result.repositoryPorts.set(declaration, entity);
    }
    if (!Node.isClassDeclaration(declaration)) continue;
    const evidence = eventEvidence(declaration, context);
    if (evidence) {
      if (isPrimary(declaration)) result.events.add(declaration);
      if (evidence === 'name') namedEvents.add(declaration);
    } else if (isConcrete(declaration) && baseNames(declaration, context.index).some(naming.isValueObjectBaseName)) {
      result.valueObjects.add(declaration);
    }
  }
  const excluded = new Set<Declaration>([...propsTypes(context), ...implemented, ...result.events, ...result.valueObjects, ...result.repositoryPorts.keys(), ...result.publisherPorts]);
  const outside = new Set<Declaration>();
  const candidates = new Set<Declaration>();
  for (const declaration of declarations) {
    if (!isEntity(declaration, context, excluded)) continue;
    if (!isPrimary(declaration)) outside.add(declaration);
    else if (isMarkedAggregate(declaration, context) || extendsEntityBase(declaration, context) || !notAModel(declaration, context)) candidates.add(declaration);
  }
  for (const declaration of persistedEntities(candidates, outside, context)) result.entities.add(declaration);
  addUsedDeclarations(context, outside, namedEvents);
  // The rest of what the domain folders declare that is plainly no model (a service, a specification), for --verbose.
  const classified = new Set<Declaration>([...result.entities, ...result.valueObjects, ...result.events, ...result.repositoryPorts.keys(), ...result.publisherPorts, ...excluded]);
  for (const declaration of declarations) {
    if (!isPrimary(declaration) || classified.has(declaration) || result.notPersisted.has(declaration) || Node.isEnumDeclaration(declaration)) continue;
    if (Node.isClassDeclaration(declaration) && !isConcrete(declaration)) continue;
    notAModel(declaration, context);
  }
  const entityNames = new Set([...result.entities].map(declarationName));
  const eventNames = [...result.events].map(declarationName);
  for (const valueObject of result.valueObjects) {
    const named = /^(\w+)Id$/.exec(declarationName(valueObject))?.[1];
    const identified = named && (entityNamed(named, entityNames) ?? (eventNames.some((event) => new RegExp(`^${named}[A-Z]`).test(event)) ? named : undefined));
    if (identified) result.identities.set(declarationName(valueObject), identified);
  }
  for (const [port, named] of result.repositoryPorts) {
    const entity = entityNamed(named, entityNames);
    if (entity) result.repositoryPorts.set(port, entity);
    // An abstract class named like a repository of nothing in the domain is some other base class.
    else if (Node.isClassDeclaration(port)) result.repositoryPorts.delete(port);
  }
  for (const entity of result.entities) {
    const aggregateBase = Node.isClassDeclaration(entity) && baseNames(entity, context.index).some(naming.isAggregateBaseName);
    if (aggregateBase) result.aggregateRoots.add(declarationName(entity));
  }
  for (const entity of result.repositoryPorts.values()) result.aggregateRoots.add(entity);
}

