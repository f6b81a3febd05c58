// Issue 10 (items 4, 6, 7, 8): identities, single-field value objects of any field name, what is persisted, and
// problems that stay with what they belong to.
import { describe, expect, it } from 'vitest';
import { notPersistedLines, withoutBlocked } from '../../src/commands/load-domain.js';
import { inspectDomainSources } from '../../src/inspect/index.js';
import { entity, field, inspect, valueObject } from './support.js';

const valueObjectBase = `export abstract class ValueObject<T extends object> {
  constructor(public readonly props: T) {}
}
`;

const identityKernel = {
  'src/shared/identifier.ts': `export class Identifier<T> {
  constructor(private readonly value: T) {}
  toString(): string { return String(this.value); }
  toValue(): T { return this.value; }
}
`,
  'src/shared/unique-entity-id.ts': `import { Identifier } from './identifier.js';
export class UniqueEntityID extends Identifier<string | number> {
  constructor(id?: string | number) { super(id ?? 'generated'); }
}
`,
  'src/shared/entity.ts': `import { UniqueEntityID } from './unique-entity-id.js';
export abstract class Entity<T> {
  protected readonly _id: UniqueEntityID;
  constructor(public readonly props: T, id?: UniqueEntityID) { this._id = id ?? new UniqueEntityID(); }
  get id(): UniqueEntityID { return this._id; }
}
export abstract class AggregateRoot<T> extends Entity<T> {}
`,
  'src/shared/value-object.ts': valueObjectBase,
};

describe('single-field value objects, whatever their field is called', () => {
  it('store name, email, amount and uuid value objects as one column of the holding field', () => {
    const { model } = inspect({
      'src/domain/value-object.ts': valueObjectBase,
      'src/domain/values.ts': `import { ValueObject } from './value-object.js';
export class Username extends ValueObject<{ name: string }> {
  get name(): string { return this.props.name; }
  static create(name: string): Username { return new Username({ name }); }
}
export class Email extends ValueObject<{ email: string }> {
  get email(): string { return this.props.email; }
  static create(email: string): Email { return new Email({ email }); }
}
export class Fee extends ValueObject<{ amount: number }> {
  get amount(): number { return this.props.amount; }
  static create(amount: number): Fee { return new Fee({ amount }); }
}
export class BookId extends ValueObject<{ uuid: string }> {
  get uuid(): string { return this.props.uuid; }
  static create(uuid: string): BookId { return new BookId({ uuid }); }
}
`,
      'src/domain/book.ts': `import type { BookId } from './values.js';
export class Book { constructor(readonly id: BookId, readonly title: string) {} }
`,
      'src/domain/member.ts': `import type { BookId, Email, Fee, Username } from './values.js';
export class Member {
  constructor(readonly id: string, readonly username: Username, readonly email: Email, readonly fee: Fee, readonly favouriteBook: BookId) {}
}
`,
    });
    expect(valueObject(model, 'Username').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'name' } });
    expect(valueObject(model, 'Email').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'email' } });
    expect(valueObject(model, 'Fee').shape).toEqual({ kind: 'single', primitive: 'number', accessor: { kind: 'property', name: 'amount' } });
    expect(valueObject(model, 'BookId')).toMatchObject({ identifies: 'Book', shape: { kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'uuid' } } });
    expect(field(entity(model, 'Member'), 'favouriteBook').type).toEqual({ kind: 'identity', valueObject: 'BookId', entity: 'Book', list: false });
  });
});

describe('generic identity classes', () => {
  it('read an Identifier<T> through toValue(), and an Identifier<string | number> as text through toString()', () => {
    const { model } = inspect({
      ...identityKernel,
      'src/domain/member-id.ts': `import { Identifier } from '../shared/identifier.js';
export class MemberId extends Identifier<string> {}
`,
      'src/domain/member.ts': `import { AggregateRoot } from '../shared/entity.js';
export class Member extends AggregateRoot<{ name: string }> {
  get name(): string { return this.props.name; }
}
`,
      'src/domain/loan.ts': `import { AggregateRoot } from '../shared/entity.js';
import type { UniqueEntityID } from '../shared/unique-entity-id.js';
import type { MemberId } from './member-id.js';
export class Loan extends AggregateRoot<{ memberId: MemberId }> {
  get memberId(): MemberId { return this.props.memberId; }
  static create(props: { memberId: MemberId }, id?: UniqueEntityID): Loan { return new Loan(props, id); }
}
`,
    });
    expect(valueObject(model, 'MemberId')).toMatchObject({ identifies: 'Member', shape: { kind: 'single', primitive: 'string', accessor: { kind: 'method', name: 'toValue' } } });
    expect(valueObject(model, 'UniqueEntityID').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'method', name: 'toString' } });
    expect(field(entity(model, 'Loan'), 'id')).toMatchObject({ type: { kind: 'valueObject', name: 'UniqueEntityID' }, accessor: { kind: 'property', name: 'id' } });
    expect(field(entity(model, 'Loan'), 'memberId').type).toEqual({ kind: 'identity', valueObject: 'MemberId', entity: 'Member', list: false });
  });
});

describe('what is persisted', () => {
  const lending = {
    ...identityKernel,
    'src/domain/loan.ts': `import { AggregateRoot } from '../shared/entity.js';
import type { TrackingEvent } from './tracking-event.js';
export class Loan extends AggregateRoot<{ dueAt: Date; scans: TrackingEvent[] }> {
  get dueAt(): Date { return this.props.dueAt; }
  get scans(): TrackingEvent[] { return this.props.scans; }
}
`,
    'src/domain/tracking-event.ts': 'export class TrackingEvent {\n  constructor(readonly at: Date, readonly place: string) {}\n}\n',
    'src/domain/loan-repo.ts': "import type { Loan } from './loan.js';\nexport interface ILoanRepo { findById(id: string): Promise<Loan | null> }\n",
    'src/domain/commands/borrow-book.ts': 'export class BorrowBook {\n  constructor(readonly id: string, readonly bookId: string) {}\n}\n',
    'src/domain/return-book.command.ts': 'export class ReturnBookCommand {\n  constructor(readonly id: string) {}\n}\n',
    'src/domain/get-loan.query.ts': 'export interface GetLoanQuery { id: string }\n',
    'src/domain/loan.dto.ts': 'export interface LoanDTO { id: string; dueAt: string }\n',
    'src/domain/lend.params.ts': 'export type LendParams = { id: string; days: number };\n',
    'src/domain/loan-errors.ts': 'export class LoanNotFound extends Error {\n  constructor(readonly id: string) { super(id); }\n}\n',
    'src/domain/overdue.specification.ts': 'export class OverdueSpecification {\n  constructor(readonly id: string) {}\n}\n',
    'src/domain/lending.policy.ts': 'export class LendingPolicy {\n  constructor(readonly id: string, readonly maxLoans = 5) {}\n}\n',
    'src/domain/lending.service.ts': 'export class LendingService {\n  constructor(readonly id: string) {}\n}\n',
    'src/domain/fee-calculator.ts': 'export class FeeCalculatorService {\n  fee(daysLate: number): number { return daysLate * 25; }\n}\n',
    'src/domain/loan-snapshot.ts': 'export interface LoanSnapshot { id: string; dueAt: string }\n',
  };

  it('never makes models of commands, queries, DTOs, parameter types, errors, specifications, policies and services, and says why', () => {
    const { model } = inspect(lending);
    expect(model.entities.map((candidate) => candidate.name)).toEqual(['Loan']);
    expect(Object.fromEntries((model.notPersisted ?? []).map((item) => [item.name, item.reason]))).toEqual({
      BorrowBook: 'a command (by its folder): not a model',
      FeeCalculatorService: 'a service (by its name): not a model',
      GetLoanQuery: 'a query (by its name): not a model',
      LendParams: 'a parameter type (by its name): not a model',
      LendingPolicy: 'a policy (by its name): not a model',
      LendingService: 'a service (by its name): not a model',
      LoanDTO: 'a DTO (by its name): not a model',
      LoanNotFound: 'an error (it extends an Error): not a model',
      LoanSnapshot: 'a type with an id that no persisted entity holds or references (tag it @entity to store it)',
      OverdueSpecification: 'a specification (by its name): not a model',
      ReturnBookCommand: 'a command (by its name): not a model',
    });
  });

  it('prints what was not persisted for --verbose, located', () => {
    const { model } = inspect(lending);
    expect(notPersistedLines(model)).toContain('not persisted: LoanDTO (src/domain/loan.dto.ts:1:18): a DTO (by its name): not a model');
  });

  it('keeps a tagged, ported or Entity-based declaration whatever its name says', () => {
    const { model } = inspect({
      ...lending,
      'src/domain/lending.policy.ts': '/** @entity */\nexport class LendingPolicy {\n  constructor(readonly id: string, readonly maxLoans: number) {}\n}\n',
      'src/domain/extension-request.ts': "import { Entity } from '../shared/entity.js';\nexport class ExtensionRequest extends Entity<{ days: number }> {\n  get days(): number { return this.props.days; }\n}\n",
    });
    expect(model.entities.map((candidate) => candidate.name)).toEqual(['ExtensionRequest', 'LendingPolicy', 'Loan']);
  });

  it('stores a class named like an event that an entity holds as a value object, not as an event', () => {
    const { model } = inspect(lending);
    expect(model.events.map((event) => event.name)).toEqual([]);
    expect(valueObject(model, 'TrackingEvent').shape.kind).toBe('composite');
    expect(field(entity(model, 'Loan'), 'scans').type).toEqual({ kind: 'valueObject', name: 'TrackingEvent', list: true });
  });
});

describe('failures stay local', () => {
  const domain = {
    'src/domain/dimensions.ts': 'export class Dimensions {\n  constructor(readonly size: string | number) {}\n}\n',
    'src/domain/parcel-measured.event.ts': "import type { Dimensions } from './dimensions.js';\nexport class ParcelMeasuredEvent {\n  constructor(readonly parcelId: string, readonly dimensions: Dimensions) {}\n}\n",
    'src/domain/shipment.ts': 'export class Shipment {\n  constructor(readonly id: string, readonly reference: string) {}\n}\n',
    'src/domain/stock-item.ts': 'export class StockItem {\n  constructor(readonly id: string, readonly size: string | Date, readonly callback: () => void, readonly sku: string) {}\n}\n',
    'src/domain/stock-line.ts': "import type { StockItem } from './stock-item.js';\nexport class Bin {\n  constructor(readonly id: string, readonly items: StockItem[]) {}\n}\n",
  };

  it('never blocks a run on a value object no entity stores, and lists it under --verbose', () => {
    const { model, diagnostics } = inspectDomainSources({ 'src/domain/dimensions.ts': domain['src/domain/dimensions.ts'], 'src/domain/parcel-measured.event.ts': domain['src/domain/parcel-measured.event.ts'], 'src/domain/shipment.ts': domain['src/domain/shipment.ts'] });
    expect(diagnostics).toEqual([]);
    expect(model.notPersisted).toEqual([
      { name: 'Dimensions', location: expect.objectContaining({ file: 'src/domain/dimensions.ts', line: 1 }), reason: 'a value object no entity stores; not checked further (cannot map Dimensions.size of type string | number)' },
    ]);
  });

  it('blocks only the entities that reach an unmappable type, naming every field, and a run over all goes on without them', () => {
    const inspected = inspectDomainSources(domain);
    expect(inspected.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message, diagnostic.location?.line])).toEqual([
      ['IG101', 'error', 'cannot map StockItem.size of type string | Date', 2],
      ['IG101', 'error', 'cannot map StockItem.callback of type () => void', 2],
    ]);
    expect(inspected.blocked?.map((blocked) => [blocked.entity, blocked.reasons])).toEqual([
      ['StockItem', ['cannot map StockItem.size of type string | Date', 'cannot map StockItem.callback of type () => void']],
      ['Bin', ['Bin.items references StockItem, which cannot be stored']],
    ]);
    const { model, diagnostics } = withoutBlocked(inspected);
    expect(model.entities.map((candidate) => candidate.name)).toEqual(['Shipment']);
    expect(diagnostics.every((diagnostic) => diagnostic.severity === 'warning')).toBe(true);
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'IG110').map((diagnostic) => diagnostic.message)).toEqual([
      'skipped StockItem: cannot map StockItem.size of type string | Date; cannot map StockItem.callback of type () => void',
      'skipped Bin: Bin.items references StockItem, which cannot be stored',
    ]);
  });

  it('still stops on a problem that is not one entity’s own', () => {
    const inspected = inspectDomainSources({ ...domain, 'src/domain/shipment.ts': '/** @map() */\nexport class Shipment {\n  constructor(readonly id: string, /** @default( */ readonly reference: string) {}\n}\n' });
    const { diagnostics } = withoutBlocked({ ...inspected, diagnostics: [...inspected.diagnostics, { code: 'IG002', severity: 'error', message: 'elsewhere' }] });
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.code)).toContain('IG002');
  });
});
