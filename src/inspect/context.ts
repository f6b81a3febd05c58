import type { ClassDeclaration, InterfaceDeclaration, SourceFile } from 'ts-morph';
import { Node } from './ts-morph.js';
import type { Diagnostic } from '../diagnostics.js';
import type { EnumModel } from '../model/domain.js';
import { declarationName, type Declaration, type DeclarationIndex } from './declarations.js';
import { classShape, type ClassShape, type RawMember } from './members.js';
import type { PendingEventNames } from './pending-events.js';
import { isFromPackage } from './project.js';

/** What each declaration of the domain was classified as (see classify.ts). */
export interface Classification {
  entities: Set<Declaration>;
  valueObjects: Set<ClassDeclaration>;
  events: Set<ClassDeclaration>;
  /** Repository port (an interface, or an abstract class used as an injection token) → the name of its entity. */
  repositoryPorts: Map<InterfaceDeclaration | ClassDeclaration, string>;
  publisherPorts: Set<InterfaceDeclaration>;
  /** Identity value object name → the entity it identifies. */
  identities: Map<string, string>;
  aggregateRoots: Set<string>;
  /** Declarations that looked like entities but are not persisted, with the reason (for `--verbose`). */
  notPersisted: Map<Declaration, string>;
}

/** State shared by one inspection: the declarations, memoized class shapes, the enums met so far, diagnostics. */
export class InspectContext {
  readonly enums = new Map<string, EnumModel>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly shapes = new Map<ClassDeclaration, ClassShape>();
  classification: Classification = {
    entities: new Set(),
    valueObjects: new Set(),
    events: new Set(),
    repositoryPorts: new Map(),
    publisherPorts: new Set(),
    identities: new Map(),
    aggregateRoots: new Set(),
    notPersisted: new Map(),
  };

  /** Names of the declared enums and type aliases, which inline unions must not take. */
  readonly declaredTypeNames: ReadonlySet<string>;

  constructor(
    readonly index: DeclarationIndex,
    readonly primary: ReadonlySet<SourceFile>,
    /** The config's names for the members exposing an aggregate's pending events. */
    readonly eventNames: PendingEventNames = {},
  ) {
    this.declaredTypeNames = new Set(index.all().flatMap((declaration) => (Node.isEnumDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration) ? [declarationName(declaration)] : [])));
  }

  shape(declaration: ClassDeclaration): ClassShape {
    let shape = this.shapes.get(declaration);
    if (!shape) {
      // A library's class used as a field type (decimal.js's `Decimal`, luxon's `DateTime`) is no value object of
      // the domain: its internals are not columns. Its subclasses in the domain still read it as a base.
      shape = isFromPackage(declaration)
        ? { style: 'public-fields', members: [], hidden: [] }
        : withHiddenIdentity(classShape(declaration, this.index));
      this.shapes.set(declaration, shape);
    }
    return shape;
  }
}

/**
 * An `_id`/`#id` field no getter exposes (a base `Entity` that keeps `protected readonly _id`) still is the
 * identity of every subclass: it is the `id` field, unreadable, so the repository of such a class is refused
 * with the getter to add rather than the class being taken for something without identity.
 */
function withHiddenIdentity(shape: ClassShape): ClassShape {
  if (shape.members.some((member) => member.name === 'id')) return shape;
  const hidden = shape.hidden.find((member) => member.name === '_id' || member.name === '#id');
  if (!hidden) return shape;
  const id: RawMember = { ...hidden, name: 'id', accessor: { kind: 'none' } };
  return { ...shape, members: [id, ...shape.members], hidden: shape.hidden.filter((member) => member !== hidden) };
}
