import type { ClassDeclaration } from 'ts-morph';
import type { PendingEventsModel } from '../model/domain.js';
import type { DeclarationIndex } from './declarations.js';
import { baseChain } from './heritage.js';
import { Node, Scope } from './ts-morph.js';

/** The members the config names (`"domainEvents": { "read": …, "clear": … }`): tried before the conventional names. */
export interface PendingEventNames {
  read?: string;
  clear?: string;
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
 */
export function pendingEvents(declaration: ClassDeclaration, index: DeclarationIndex, configured: PendingEventNames = {}): PendingEventsModel | undefined {
  const members = publicMembers(declaration, index);
  const method = (name: string | undefined) => (name !== undefined && members.get(name)?.kind === 'method' ? name : undefined);
  if (configured.read !== undefined) {
    const read = members.get(configured.read);
    const clear = method(configured.clear);
    if (read && configured.clear === undefined && read.kind === 'method') return { read };
    if (read && clear) return { read, clear };
  }
  const clear = clearNames.find((name) => method(name));
  const read = readNames.map((name) => members.get(name)).find((member) => member !== undefined);
  if (read && clear) return { read, clear };
  if (extendsNestAggregateRoot(declaration, index)) return { read: { kind: 'method', name: 'getUncommittedEvents' }, clear: 'uncommit' };
  const pull = pullNames.find((name) => method(name));
  if (!pull) return undefined;
  const restore = recordingMethod(declaration, index, pull);
  return { read: { kind: 'method', name: pull }, ...(restore && { restore }) };
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
