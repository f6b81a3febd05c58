import { describe, expect, it } from 'vitest';
import { entity, fieldSummary, inspect } from './support.js';

const file = 'src/domain/user.ts';

describe('the seven entity styles', () => {
  it('1 public fields', () => {
    const { model } = inspect({ [file]: 'export class User {\n  id!: string;\n  email!: string;\n  age?: number;\n  static count = 0;\n  greet(): string { return this.email; }\n}\n' });
    const user = entity(model, 'User');
    expect(user.style).toBe('public-fields');
    expect(fieldSummary(user.fields)).toEqual(['id: string', 'email: string', 'age: number?']);
    expect(user.construction).toEqual({ kind: 'constructor', parameters: [] });
  });

  it('2 constructor parameter properties', () => {
    const { model, diagnostics } = inspect({
      'src/domain/user-id.ts': 'export class UserId { constructor(readonly value: string) {} }\n',
      'src/domain/email.ts': 'export class Email { constructor(readonly value: string) {} }\n',
      [file]: "import { UserId } from './user-id.js';\nimport { Email } from './email.js';\nexport class User {\n  constructor(readonly id: UserId, public email: Email, private secret: string) {}\n}\n",
    }, true);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([['IG103', 'warning', 'User.secret is private and no getter or accessor method reads it: it is not stored']]);
    const user = entity(model, 'User');
    expect(user.style).toBe('constructor-properties');
    expect(fieldSummary(user.fields)).toEqual(['id: identity UserId->User', 'email: valueObject Email']);
    expect(user.fields[0]?.location).toEqual({ file, line: 4, column: 24 });
  });

  it('3 private fields exposed by getters (`_x` and `#x`), computed getters left out', () => {
    const { model, diagnostics } = inspect({
      [file]: `export class User {
  private _id: string;
  #email: string;
  private _secret = 'x';
  private constructor(id: string, email: string) { this._id = id; this.#email = email; }
  get id(): string { return this._id; }
  get email() { return this.#email; }
  get domain(): string { return this.#email.split('@')[1] ?? ''; }
}
`,
    }, true);
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['IG103', 4]]);
    const user = entity(model, 'User');
    expect(user.style).toBe('getters');
    expect(fieldSummary(user.fields)).toEqual(['id: string', 'email: string']);
    expect(user.fields.map((f) => f.accessor)).toEqual([{ kind: 'property', name: 'id' }, { kind: 'property', name: 'email' }]);
    expect(user.fields[1]?.location).toEqual({ file, line: 7, column: 7 });
  });

  it('4 props base: fields from an imported props interface, id from the base, accessor only where a getter exists', () => {
    const { model } = inspect({
      'src/domain/shared/entity.ts': 'export abstract class Entity<P> {\n  protected constructor(protected readonly props: P, readonly id: string) {}\n}\n',
      'src/domain/shared/aggregate-root.ts': "import { Entity } from './entity.js';\nexport interface DomainEvent { occurredAt: Date }\nexport abstract class AggregateRoot<P> extends Entity<P> {\n  private _domainEvents: DomainEvent[] = [];\n  get domainEvents(): DomainEvent[] { return this._domainEvents; }\n}\n",
      'src/domain/order-props.ts': 'export interface OrderProps {\n  total: number;\n  note?: string | null;\n}\n',
      'src/domain/order.ts': "import { AggregateRoot } from './shared/aggregate-root.js';\nimport type { OrderProps } from './order-props.js';\nexport class Order extends AggregateRoot<OrderProps> {\n  get total(): number { return this.props.total; }\n}\n",
    });
    expect(model.entities.map((e) => e.name)).toEqual(['Order']);
    const order = entity(model, 'Order');
    expect(order.style).toBe('props-base');
    expect(order.isAggregateRoot).toBe(true);
    expect(fieldSummary(order.fields)).toEqual(['id: string', 'total: number', 'note: string? null (no accessor)']);
    expect(order.fields[1]?.location).toEqual({ file: 'src/domain/order-props.ts', line: 2, column: 3 });
    // The inherited constructor is protected: `new Order(…)` would not compile, so there is no way to rebuild an Order.
    expect(order.construction).toMatchObject({ kind: 'unavailable', hint: expect.stringContaining('static reconstitute') });
  });

  it('4 props base with an optional id parameter and a type alias props', () => {
    const { model } = inspect({
      'src/domain/entity.ts': 'export abstract class Entity<P> {\n  readonly id: string;\n  constructor(protected props: P, id?: string) { this.id = id ?? "x"; }\n}\n',
      'src/domain/task.ts': "import { Entity } from './entity.js';\ntype TaskProps = { title: string; done: boolean };\nexport class Task extends Entity<TaskProps> {}\n",
    });
    const task = entity(model, 'Task');
    expect(task.isAggregateRoot).toBe(false);
    expect(fieldSummary(task.fields)).toEqual(['id: string', 'title: string (no accessor)', 'done: boolean (no accessor)']);
    expect(task.construction).toEqual({
      kind: 'constructor',
      parameters: [
        { kind: 'props', fields: ['title', 'done'], typeName: 'TaskProps' },
        { kind: 'field', field: 'id', optional: true },
      ],
    });
  });

  it('5 interfaces, extended interfaces included', () => {
    const { model } = inspect({
      'src/domain/base.ts': 'export interface Timestamps { createdAt: Date }\n',
      [file]: "import type { Timestamps } from './base.js';\nexport interface User extends Timestamps {\n  id: string;\n  email: string;\n  rename(name: string): void;\n}\n",
    });
    const user = entity(model, 'User');
    expect(user.style).toBe('interface');
    expect(fieldSummary(user.fields)).toEqual(['createdAt: Date', 'id: string', 'email: string']);
    expect(user.construction).toEqual({ kind: 'object-literal' });
    expect(model.entities.map((e) => e.name)).toEqual(['User']);
  });

  it('6 type aliases of object types', () => {
    const { model } = inspect({ [file]: 'export type User = {\n  id: string;\n  nickname: string | undefined;\n};\nexport type Name = string;\n' });
    const user = entity(model, 'User');
    expect(user.style).toBe('type-alias');
    expect(fieldSummary(user.fields)).toEqual(['id: string', 'nickname: string?']);
    expect(user.construction).toEqual({ kind: 'object-literal' });
  });

  it('7 identity value objects of other entities, and the own id as identity', () => {
    const { model } = inspect({
      'src/domain/ids.ts': "import { Identifier } from './identifier.js';\nexport class CustomerId extends Identifier {}\nexport class InvoiceId extends Identifier {}\n",
      'src/domain/identifier.ts': 'export abstract class Identifier { constructor(readonly value: string) {} }\n',
      'src/domain/customer.ts': "import { CustomerId } from './ids.js';\nexport class Customer { constructor(readonly id: CustomerId) {} }\n",
      'src/domain/invoice.ts': "import { CustomerId, InvoiceId } from './ids.js';\nexport class Invoice {\n  constructor(readonly id: InvoiceId, readonly customerId: CustomerId, readonly previous: InvoiceId[]) {}\n}\n",
    });
    expect(fieldSummary(entity(model, 'Invoice').fields)).toEqual([
      'id: identity InvoiceId->Invoice',
      'customerId: identity CustomerId->Customer',
      'previous: identity InvoiceId->Invoice[]',
    ]);
    expect(model.valueObjects.map((v) => [v.name, v.identifies])).toEqual([
      ['CustomerId', 'Customer'],
      ['InvoiceId', 'Invoice'],
    ]);
  });

  it('4 props base in the public-props style (id getter over a protected _id, private value in the id class)', () => {
    const { model } = inspect({
      'src/shared/identifier.ts': `export class Identifier<T> {
  constructor(private value: T) {}
  toValue(): T { return this.value; }
}
export class UniqueEntityID extends Identifier<string | number> {
  constructor(id?: string | number) { super(id ? id : 'generated'); }
}
`,
      'src/shared/entity.ts': `import { UniqueEntityID } from './identifier.js';
export interface IDomainEvent { dateTimeOccurred: Date }
export abstract class Entity<T> {
  protected readonly _id: UniqueEntityID;
  public readonly props: T;
  constructor(props: T, id?: UniqueEntityID) { this._id = id ? id : new UniqueEntityID(); this.props = props; }
}
export abstract class AggregateRoot<T> extends Entity<T> {
  private _domainEvents: IDomainEvent[] = [];
  get id(): UniqueEntityID { return this._id; }
  get domainEvents(): IDomainEvent[] { return this._domainEvents; }
}
`,
      'src/user/user.ts': `import { AggregateRoot } from '../shared/entity.js';
import { UniqueEntityID } from '../shared/identifier.js';
interface UserProps { email: string; isEmailVerified?: boolean }
export class User extends AggregateRoot<UserProps> {
  get email(): string { return this.props.email; }
  private constructor(props: UserProps, id?: UniqueEntityID) { super(props, id); }
  public static create(props: UserProps, id?: UniqueEntityID): User { return new User(props, id); }
}
`,
    });
    const user = entity(model, 'User');
    expect(user.style).toBe('props-base');
    expect(fieldSummary(user.fields)).toEqual(['id: valueObject UniqueEntityID', 'email: string', 'isEmailVerified: boolean? (no accessor)']);
    expect(user.construction).toEqual({
      kind: 'static-factory',
      method: 'create',
      parameters: [
        { kind: 'props', fields: ['email', 'isEmailVerified'], typeName: 'UserProps' },
        { kind: 'field', field: 'id', optional: true },
      ],
    });
    expect(model.valueObjects).toMatchObject([
      { name: 'UniqueEntityID', shape: { kind: 'single', primitive: 'string', accessor: { kind: 'none' } }, construction: { kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: true }] } },
    ]);
  });
});
