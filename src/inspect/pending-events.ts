import type { ClassDeclaration } from 'ts-morph';
import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { PendingEventsModel } from '../model/domain.js';
import type { DeclarationIndex } from './declarations.js';
import { baseChain, extendsName } from './heritage.js';
import { locationOf } from './project.js';
import { Node, Scope } from './ts-morph.js';

/** The members the config names (`"domainEvents": { "read": …, "clear": … }`): tried before the conventional names. */
export interface PendingEventNames {
  read?: string;
  clear?: string;
  /** Where the names come from (`infragen.config.json`), for the message when an aggregate lacks one. */
  source?: string;
}

/** Readers that return the events and forget them. */
const pullNames = ['pullDomainEvents', 'pullEvents', 'pullUncommittedEvents'];
/** Readers that leave the events in place, preferred: a failed save then leaves them pending on the aggregate. */
const readNames = ['domainEvents', 'getDomainEvents', 'getUncommittedEvents', 'uncommittedEvents', 'getPendingEvents', 'pendingEvents', 'getEvents', 'events'];
const clearNames = ['clearEvents', 'clearDomainEvents', 'markEventsAsCommitted', 'clearUncommittedEvents', 'clearPendingEvents', 'uncommit'];
/** Methods that record one event, whatever their visibility: a failed save re-records what it pulled through them. */
const recordNames = ['addDomainEvent', 'record', 'recordEvent', 'recordDomainEvent', 'addEvent', 'raise', 'raiseEvent', 'registerEvent', 'pushEvent'];

type Member = PendingEventsModel['read'];

const isPublic = (member: { hasScopeKeyword(): boolean; getScope(): Scope }) => !member.hasScopeKeyword() || member.getScope() === Scope.Public;

/** The public, non-static members of the class and its bases that can be read or called without an argument. */
function publicMembers(declaration: ClassDeclaration, index: DeclarationIndex): Map<string, Member> {
  const members = new Map<string, Member>();
  const add = (name: string, member: Member) => {
    if (!members.has(name)) members.set(name, member);
  };
  for (const { declaration: link } of baseChain(declaration, index)) {
    for (const method of link.getMethods()) {
      if (!method.isStatic() && isPublic(method) && method.getParameters().every((parameter) => parameter.isOptional()))
        add(method.getName(), { kind: 'method', name: method.getName() });
    }
    for (const getter of link.getGetAccessors())
      if (!getter.isStatic() && isPublic(getter)) add(getter.getName(), { kind: 'property', name: getter.getName() });
    for (const property of link.getProperties()) {
      if (!property.isStatic() && isPublic(property) && Node.isIdentifier(property.getNameNode()))
        add(property.getName(), { kind: 'property', name: property.getName() });
    }
    for (const parameter of link.getConstructors().flatMap((constructor) => constructor.getParameters())) {
      if (parameter.isParameterProperty() && parameter.getScope() === Scope.Public) add(parameter.getName(), { kind: 'property', name: parameter.getName() });
    }
  }
  return members;
}

/**
 * How the repository reads an aggregate's pending events, and clears them once saved: the members the config
 * names, else a reader with a clearing method (`domainEvents` + `clearEvents()`), else a reader that clears
 * (`pullDomainEvents()`). A reader with nothing to clear it is not used: every save would write its events again.
 * A configured name the aggregate lacks is an error in `problems` (IG130).
 */
export function pendingEvents(
  declaration: ClassDeclaration,
  index: DeclarationIndex,
  configured: PendingEventNames = {},
  problems: Diagnostic[] = [],
): PendingEventsModel | undefined {
  const members = publicMembers(declaration, index);
  const method = (name: string | undefined) => (name !== undefined && members.get(name)?.kind === 'method' ? name : undefined);
  if (configured.read !== undefined) return configuredEvents(declaration, index, configured as ConfiguredNames, members, problems);
  const clear = clearNames.find((name) => method(name));
  const read = readNames.map((name) => members.get(name)).find((member) => member !== undefined);
  if (read && clear) return { read, clear };
  if (extendsNestAggregateRoot(declaration, index)) return { read: { kind: 'method', name: 'getUncommittedEvents' }, clear: 'uncommit' };
  const pull = pullNames.find((name) => method(name));
  if (!pull) return undefined;
  const restore = recordingMethod(declaration, index, pull);
  return { read: { kind: 'method', name: pull }, ...(restore && { restore }) };
}

type ConfiguredNames = PendingEventNames & { read: string };

/** `getEvents()` → `getEvents`, said to be a method; `domainEvents` → as it is. */
function configuredName(text: string): { name: string; called: boolean } {
  return text.endsWith('()') ? { name: text.slice(0, -2), called: true } : { name: text, called: false };
}

/**
 * The members the config names. Each must be a public member of the aggregate or of a base infragen reads (one
 * declared in a package in node_modules included). When the chain ends at a base infragen cannot read (a library
 * it does not resolve), a name it does not find there is taken on trust: `read` is then a method when written
 * `name()` or when it is the only name given (it returns and clears), else a property.
 */
function configuredEvents(
  declaration: ClassDeclaration,
  index: DeclarationIndex,
  configured: ConfiguredNames,
  members: Map<string, Member>,
  problems: Diagnostic[],
): PendingEventsModel | undefined {
  const chain = baseChain(declaration, index);
  const unreadBase = extendsName(chain.at(-1)!.declaration);
  const aggregate = declaration.getName() ?? 'the aggregate';
  const source = configured.source ?? 'the infragen configuration';
  const lacking = (key: 'read' | 'clear', name: string, what: string) =>
    errorDiagnostic(
      'IG130',
      `${source} names domainEvents.${key} "${name}", and ${aggregate} has no public ${what} of that name (nor do its bases)`,
      locationOf(declaration.getNameNode() ?? declaration),
      `name a public ${what} of ${aggregate} or of a class it extends in "domainEvents" of ${source}, or remove "domainEvents" to use the conventional names`,
    );
  const readName = configuredName(configured.read);
  const found = members.get(readName.name);
  const read: Member | undefined =
    found ?? (unreadBase === undefined ? undefined : { kind: readName.called || configured.clear === undefined ? 'method' : 'property', name: readName.name });
  const clearName = configured.clear === undefined ? undefined : configuredName(configured.clear).name;
  const clearFound = clearName === undefined ? undefined : members.get(clearName);
  const clearOk = clearName === undefined || clearFound?.kind === 'method' || (clearFound === undefined && unreadBase !== undefined);
  if (!read) problems.push(lacking('read', readName.name, configured.clear === undefined ? 'method' : 'getter, property or method'));
  else if (configured.clear === undefined && read.kind !== 'method')
    problems.push(lacking('read', readName.name, 'method (read alone returns and clears the events)'));
  if (!clearOk) problems.push(lacking('clear', clearName!, 'method'));
  if (!read || !clearOk || (configured.clear === undefined && read.kind !== 'method')) return undefined;
  return clearName === undefined ? { read } : { read, clear: clearName };
}

/**
 * The chain ends at `AggregateRoot` of `@nestjs/cqrs`, a library class infragen does not read: its
 * `getUncommittedEvents()` returns the pending events and `uncommit()` forgets them.
 */
function extendsNestAggregateRoot(declaration: ClassDeclaration, index: DeclarationIndex): boolean {
  const last = baseChain(declaration, index).at(-1)!.declaration;
  const base = last.getExtends()?.getExpression().getText();
  if (base === undefined) return false;
  return last
    .getSourceFile()
    .getImportDeclarations()
    .some(
      (declaration) =>
        declaration.getModuleSpecifierValue() === '@nestjs/cqrs' &&
        declaration.getNamedImports().some((named) => (named.getAliasNode()?.getText() ?? named.getName()) === base && named.getName() === 'AggregateRoot'),
    );
}

const elementType = (text: string): string | undefined => /^(?:readonly\s+)?(\w+)\[\]$|^(?:Readonly)?Array<(\w+)>$/.exec(text.trim())?.slice(1).find(Boolean);

/**
 * A method of the class or its bases (public, protected or private, not `#private`) named like `record(event)`,
 * taking one parameter of the type whose list `pull` returns: what puts a pulled event back.
 */
function recordingMethod(declaration: ClassDeclaration, index: DeclarationIndex, pull: string): string | undefined {
  const methods = baseChain(declaration, index).flatMap((link) => link.declaration.getMethods().filter((method) => !method.isStatic()));
  const pulled = methods
    .find((method) => method.getName() === pull)
    ?.getReturnTypeNode()
    ?.getText();
  const event = pulled === undefined ? undefined : elementType(pulled);
  if (event === undefined) return undefined;
  return recordNames.find((name) =>
    methods.some((method) => method.getName() === name && method.getParameters().length === 1 && method.getParameters()[0]?.getTypeNode()?.getText() === event),
  );
}
