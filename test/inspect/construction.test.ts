import { describe, expect, it } from 'vitest';
import { entity, inspect, valueObject } from './support.js';

describe('construction', () => {
  it('prefers a covering reconstitute over create, and over the constructor', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  constructor(readonly id: string, readonly email: string, readonly nick?: string) {}
  static create(email: string): User { return new User('1', email); }
  static fromPrimitives(id: string, email: string, nick?: string): User { return new User(id, email, nick); }
  static reconstitute(props: { id: string; email: string; nick?: string }): User { return new User(props.id, props.email, props.nick); }
  private static hidden(id: string, email: string, nick: string): User { return new User(id, email, nick); }
}
`,
    });
    expect(entity(model, 'User').construction).toEqual({
      kind: 'static-factory',
      method: 'reconstitute',
      parameters: [{ kind: 'props', fields: ['id', 'email', 'nick'] }],
    });
  });

  it('uses create when it covers every required field and nothing better exists', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  private constructor(readonly id: string, readonly email: string, readonly nick?: string) {}
  static create(id: string, email: string): User { return new User(id, email); }
  static other(): string { return 'x'; }
}
`,
    });
    expect(entity(model, 'User').construction).toEqual({
      kind: 'static-factory',
      method: 'create',
      parameters: [
        { kind: 'field', field: 'id', optional: false },
        { kind: 'field', field: 'email', optional: false },
      ],
    });
  });

  it('falls back to the public constructor when no factory covers the fields', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  constructor(readonly id: string, readonly email: string, readonly age = 0) {}
  static create(email: string): User { return new User('1', email); }
}
`,
    });
    expect(entity(model, 'User').construction).toEqual({
      kind: 'constructor',
      parameters: [
        { kind: 'field', field: 'id', optional: false },
        { kind: 'field', field: 'email', optional: false },
        { kind: 'field', field: 'age', optional: true },
      ],
    });
  });

  it('builds value objects: Email.create(value), new Money(amount, currency), Price.create({ amount, currency })', () => {
    const { model } = inspect({
      'src/domain/vo.ts': `export abstract class ValueObject<P> { protected constructor(protected readonly props: P) {} }
export class Email extends ValueObject<{ value: string }> {
  static create(email: string): Email { return new Email({ value: email }); }
  get value(): string { return this.props.value; }
}
export class Money {
  constructor(readonly amount: number, readonly currency: string) {}
}
export interface PriceProps { amount: number; currency: string }
export class Price extends ValueObject<PriceProps> {
  static create(props: PriceProps): Price { return new Price(props); }
}
`,
      'src/domain/item.ts': "import { Email, Money, Price } from './vo.js';\nexport class Item { constructor(readonly id: string, readonly owner: Email, readonly cost: Money, readonly price: Price) {} }\n",
    });
    expect(valueObject(model, 'Email')).toMatchObject({
      shape: { kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'value' } },
      construction: { kind: 'static-factory', method: 'create', parameters: [{ kind: 'field', field: 'value', optional: false }] },
    });
    expect(valueObject(model, 'Money').construction).toEqual({
      kind: 'constructor',
      parameters: [
        { kind: 'field', field: 'amount', optional: false },
        { kind: 'field', field: 'currency', optional: false },
      ],
    });
    expect(valueObject(model, 'Price')).toMatchObject({
      shape: { kind: 'composite' },
      construction: { kind: 'static-factory', method: 'create', parameters: [{ kind: 'props', fields: ['amount', 'currency'], typeName: 'PriceProps' }] },
    });
    const price = valueObject(model, 'Price');
    expect(price.shape.kind === 'composite' && price.shape.fields.map((f) => f.accessor.kind)).toEqual(['none', 'none']);
  });

  it('inherits the value of a generic base (StringValueObject) and knows library bases by name', () => {
    const { model } = inspect({
      'src/domain/shared.ts': `export abstract class ValueObject<T> { constructor(readonly value: T) {} }
export abstract class StringValueObject extends ValueObject<string> {}
export abstract class NumberValueObject extends ValueObject<number> {}
`,
      'src/domain/vo.ts': `import { NumberValueObject, StringValueObject } from './shared.js';
import { Uuid } from '@acme/ddd';
export class CourseName extends StringValueObject {}
export class Duration extends NumberValueObject {}
export class CourseId extends Uuid {}
`,
      'src/domain/course.ts': "import { CourseId, CourseName, Duration } from './vo.js';\nexport class Course { constructor(readonly id: CourseId, readonly name: CourseName, readonly duration: Duration) {} }\n",
    });
    expect(model.valueObjects.map((v) => [v.name, v.shape.kind === 'single' ? v.shape.primitive : v.shape.kind, v.identifies])).toEqual([
      ['CourseId', 'string', 'Course'],
      ['CourseName', 'string', undefined],
      ['Duration', 'number', undefined],
    ]);
    expect(valueObject(model, 'CourseName').construction).toEqual({ kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] });
    expect(valueObject(model, 'CourseId').construction).toEqual({ kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] });
  });
});
