import { describe, expect, it } from 'vitest';
import { entity, field, fieldSummary, inspect, valueObject } from './support.js';

const result = `export class Result<T> {
  public isSuccess: boolean;
  public isFailure: boolean;
  public error: string | null;
  private _value?: T;
  private constructor(ok: boolean, error: string | null, value?: T) { this.isSuccess = ok; this.isFailure = !ok; this.error = error; this._value = value; }
  public getValue(): T { if (this._value === undefined) throw new Error('failed'); return this._value; }
  public static ok<U>(value: U): Result<U> { return new Result<U>(true, null, value); }
  public static fail<U>(error: string): Result<U> { return new Result<U>(false, error); }
}
`;

describe('construction the way the domain allows it', () => {
  it('unwraps a hand-written Result<T> returned by the factory of a class whose constructor is private', () => {
    const { model } = inspect({
      'src/shared/result.ts': result,
      'src/domain/user.ts': `import { Result } from '../shared/result.js';
interface UserProps { email: string }
export class User {
  private constructor(readonly id: string, private readonly props: UserProps) {}
  get email(): string { return this.props.email; }
  static create(props: UserProps, id: string): Result<User> { return Result.ok(new User(id, props)); }
}
`,
    });
    expect(entity(model, 'User').construction).toEqual({
      kind: 'static-factory',
      method: 'create',
      parameters: [
        { kind: 'props', fields: ['email'], typeName: 'UserProps' },
        { kind: 'field', field: 'id', optional: false },
      ],
      result: {
        wrapper: 'Result',
        failed: { name: 'isFailure', call: false, negate: false },
        value: { name: 'getValue', call: true },
        error: { name: 'error', call: false },
      },
    });
  });

  it('reads Either<E, T> unions of Left/Right classes, { ok, value } unions and library results (neverthrow)', () => {
    const { model } = inspect({
      'src/shared/either.ts': `export class Left<L> { constructor(readonly value: L) {} isLeft(): this is Left<L> { return true; } }
export class Right<A> { constructor(readonly value: A) {} isLeft(): this is Left<never> { return false; } }
export type Either<L, A> = Left<L> | Right<A>;
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
`,
      'src/domain/tag.ts': `import type { Either, Outcome } from '../shared/either.js';
import { Right } from '../shared/either.js';
import { ok, Result } from 'neverthrow';
export class Tag {
  private constructor(readonly id: string) {}
  static create(id: string): Either<string, Tag> { return new Right(new Tag(id)); }
}
export class Label {
  private constructor(readonly id: string) {}
  static of(id: string): Outcome<Label> { return { ok: true, value: new Label(id) }; }
}
export class Badge {
  private constructor(readonly id: string) {}
  static create(id: string): Result<Badge, Error> { return ok(new Badge(id)); }
}
`,
    });
    expect(entity(model, 'Tag').construction).toMatchObject({
      method: 'create',
      result: { failed: { name: 'isLeft', call: true, negate: false }, value: { name: 'value', call: false } },
    });
    expect(entity(model, 'Label').construction).toMatchObject({
      method: 'of',
      result: { failed: { name: 'ok', call: false, negate: true }, value: { name: 'value' }, error: { name: 'error' } },
    });
    expect(entity(model, 'Badge').construction).toMatchObject({
      method: 'create',
      result: { failed: { name: 'isErr', call: true }, value: { name: 'value', call: false }, error: { name: 'error' } },
    });
  });

  it('reads oxide.ts and true-myth results by the package they come from', () => {
    const { model } = inspect({
      'src/domain/seat.ts': `import { Ok, type Result } from 'oxide.ts';
import { Result as Outcome } from 'true-myth/result';
export class Seat {
  private constructor(readonly id: string) {}
  static create(id: string): Result<Seat, Error> { return Ok(new Seat(id)); }
}
export class Row {
  private constructor(readonly id: string) {}
  static create(id: string): Outcome<Row, Error> { return Outcome.ok(new Row(id)); }
}
`,
    });
    expect(entity(model, 'Seat').construction).toMatchObject({
      result: { failed: { name: 'isErr', call: true }, value: { name: 'unwrap', call: true }, error: { name: 'unwrapErr', call: true } },
    });
    expect(entity(model, 'Row').construction).toMatchObject({
      result: { failed: { name: 'isErr', call: false }, value: { name: 'value', call: false }, error: { name: 'error', call: false } },
    });
  });

  it('never passes a primitive to a factory taking a value object: createFromExisting(slug: string) over create(title: Title)', () => {
    const { model } = inspect({
      'src/shared/result.ts': result,
      'src/domain/post.ts': `import { Result } from '../shared/result.js';
export class Title { constructor(readonly value: string) {} }
export class Slug {
  private constructor(private readonly props: { value: string }) {}
  get value(): string { return this.props.value; }
  static create(title: Title): Result<Slug> { return Result.ok(new Slug({ value: title.value })); }
  static createFromExisting(slug: string): Result<Slug> { return Result.ok(new Slug({ value: slug })); }
}
export class Post { constructor(readonly id: string, readonly slug: Slug, readonly title: Title) {} }
`,
    });
    expect(valueObject(model, 'Slug').construction).toMatchObject({
      kind: 'static-factory',
      method: 'createFromExisting',
      parameters: [{ kind: 'field', field: 'value', optional: false }],
    });
  });

  it('passes primitives to fromPrimitives(plain) whose members are primitives for value-object fields', () => {
    const { model } = inspect({
      'src/domain/course.ts': `export class CourseId { constructor(readonly value: string) {} }
export class CourseName { constructor(readonly value: string) {} }
export interface CoursePrimitives { id: string; name: string; duration?: number }
export class Course {
  private constructor(readonly id: CourseId, readonly name: CourseName, readonly duration?: number) {}
  static fromPrimitives(plain: CoursePrimitives): Course { return new Course(new CourseId(plain.id), new CourseName(plain.name), plain.duration); }
}
`,
    });
    expect(entity(model, 'Course').construction).toEqual({
      kind: 'static-factory',
      method: 'fromPrimitives',
      parameters: [{ kind: 'props', fields: ['id', 'name', 'duration'], typeName: 'CoursePrimitives', raw: ['id', 'name'] }],
    });
  });

  it('prefers rehydrate(...) over create(...) when both take every field', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  private constructor(readonly id: string, readonly email: string) {}
  static create(id: string, email: string): User { return new User(id, email); }
  static rehydrate(id: string, email: string): User { return new User(id, email); }
}
`,
    });
    expect(entity(model, 'User').construction).toMatchObject({ kind: 'static-factory', method: 'rehydrate' });
  });

  it('says which static method to add when only a private constructor could rebuild the class', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  private constructor(readonly id: string, readonly email: string) {}
  static register(input: { mail: string }): User { return new User('x', input.mail); }
}
`,
    });
    const construction = entity(model, 'User').construction;
    expect(construction.kind).toBe('unavailable');
    expect(construction).toMatchObject({
      reason: expect.stringContaining('register() take other arguments'),
      hint: expect.stringContaining('static reconstitute(props: ...): User'),
    });
  });
});

describe('snapshot shapes', () => {
  it('the types of fromPrimitives(plain) and toPrimitives() describe a class’s state and are not entities, even with an id', () => {
    const { model } = inspect({
      'src/domain/course.ts': `export type CoursePrimitives = { id: string; name: string };
export interface StudentSnapshot { id: string; email: string }
export class Course {
  constructor(readonly id: string, readonly name: string) {}
  static fromPrimitives(plain: CoursePrimitives): Course { return new Course(plain.id, plain.name); }
}
export class Student {
  private constructor(private readonly id: string, private readonly email: string) {}
  getId(): string { return this.id; }
  getEmail(): string { return this.email; }
  static restore(id: string, email: string): Student { return new Student(id, email); }
  toSnapshot(): StudentSnapshot { return { id: this.id, email: this.email }; }
}
`,
    });
    expect(model.entities.map((candidate) => candidate.name)).toEqual(['Course', 'Student']);
  });
});

describe('state behind accessors other than getters', () => {
  it('reads private fields and private constructor parameters through getX()/isX() methods', () => {
    const { model } = inspect({
      'src/domain/user.ts': `export class User {
  private readonly name: string;
  constructor(readonly id: string, name: string, private active: boolean, /** @ignore */ private readonly secret: string) { this.name = name; }
  getName(): string { return this.name; }
  isActive(): boolean { return this.active; }
  describe(): string { return this.name + '!'; }
}
`,
    });
    const user = entity(model, 'User');
    expect(fieldSummary(user.fields)).toEqual(['id: string', 'name: string', 'active: boolean']);
    expect(field(user, 'name').accessor).toEqual({ kind: 'method', name: 'getName' });
    expect(field(user, 'active').accessor).toEqual({ kind: 'method', name: 'isActive' });
  });

  it('reads protected props through accessor methods when no getter exists, and a hidden identifier through toString()', () => {
    const { model } = inspect({
      'src/shared/entity.ts': `export class Identifier<T> {
  constructor(private value: T) {}
  toString(): string { return String(this.value); }
  toValue(): T { return this.value; }
}
export class UniqueEntityID extends Identifier<string | number> {}
export abstract class Entity<P> {
  protected constructor(protected props: P, readonly id: UniqueEntityID) {}
}
`,
      'src/domain/member.ts': `import { Entity, UniqueEntityID } from '../shared/entity.js';
interface MemberProps { nick: string; banned: boolean }
export class Member extends Entity<MemberProps> {
  getNick(): string { return this.props.nick; }
  isBanned(): boolean { return this.props.banned; }
  static create(props: MemberProps, id: UniqueEntityID): Member { return new Member(props, id); }
}
`,
    });
    const member = entity(model, 'Member');
    expect(member.fields.map((f) => [f.name, f.accessor])).toEqual([
      ['id', { kind: 'property', name: 'id' }],
      ['nick', { kind: 'method', name: 'getNick' }],
      ['banned', { kind: 'method', name: 'isBanned' }],
    ]);
    expect(valueObject(model, 'UniqueEntityID').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'method', name: 'toString' } });
  });
});

describe('props behind conditional types and a base getProps()', () => {
  it('reads ValueObjectProps<T> = T extends Primitives ? DomainPrimitive<T> : T, and entity props through getProps()', () => {
    const { model } = inspect({
      'src/libs/value-object.ts': `export type Primitives = string | number | boolean;
export interface DomainPrimitive<T extends Primitives | Date> { value: T }
type ValueObjectProps<T> = T extends Primitives | Date ? DomainPrimitive<T> : T;
export abstract class ValueObject<T> {
  protected readonly props: ValueObjectProps<T>;
  constructor(props: ValueObjectProps<T>) { this.props = props; }
}
`,
      'src/libs/entity.ts': `export interface CreateEntityProps<T> { id: string; props: T }
export abstract class Entity<EntityProps> {
  protected readonly props: EntityProps;
  private readonly _id: string;
  constructor({ id, props }: CreateEntityProps<EntityProps>) { this._id = id; this.props = props; }
  get id(): string { return this._id; }
  public getProps(): EntityProps & { id: string } {
    const propsCopy = { id: this._id, ...this.props };
    return Object.freeze(propsCopy);
  }
}
`,
      'src/domain/address.ts': `import { ValueObject } from '../libs/value-object.js';
export interface AddressProps { country: string; street: string }
export class Address extends ValueObject<AddressProps> {
  get country(): string { return this.props.country; }
  get street(): string { return this.props.street; }
}
export class Email extends ValueObject<string> {
  get value(): string { return this.props.value; }
}
`,
      'src/domain/user.ts': `import { Entity } from '../libs/entity.js';
import type { Address, Email } from './address.js';
export interface UserProps { email: Email; address: Address; role: string }
export class User extends Entity<UserProps> {
  static restore(id: string, props: UserProps): User { return new User({ id, props }); }
  makeAdmin(): void { this.props.role = 'admin'; }
}
export interface UserRepositoryPort { save(user: User): Promise<void> }
`,
    });
    expect(valueObject(model, 'Email').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'value' } });
    expect(valueObject(model, 'Address').shape).toMatchObject({ kind: 'composite', fields: [{ name: 'country' }, { name: 'street' }] });
    const user = entity(model, 'User');
    expect(user.fields.map((f) => [f.name, f.accessor])).toEqual([
      ['id', { kind: 'property', name: 'id' }],
      ['email', { kind: 'via', method: 'getProps', name: 'email' }],
      ['address', { kind: 'via', method: 'getProps', name: 'address' }],
      ['role', { kind: 'via', method: 'getProps', name: 'role' }],
    ]);
  });
});

describe('state read through a getter of another name', () => {
  it('a protected `_id` of the base, exposed by `get commentId()`, is the id field read through that getter', () => {
    const { model } = inspect({
      'src/shared/entity.ts': `export abstract class Entity<P> {
  protected readonly _id: string;
  protected readonly props: P;
  constructor(props: P, id?: string) { this._id = id ?? 'x'; this.props = props; }
}
`,
      'src/domain/comment.ts': `import { Entity } from '../shared/entity.js';
interface CommentProps { body: string }
export class Comment extends Entity<CommentProps> {
  get commentId(): string { return this._id; }
  get text(): string { return this.props.body; }
  static create(props: CommentProps, id?: string): Comment { return new Comment(props, id); }
}
`,
    });
    const comment = entity(model, 'Comment');
    expect(comment.fields.map((f) => [f.name, f.accessor])).toEqual([
      ['id', { kind: 'property', name: 'commentId' }],
      ['body', { kind: 'property', name: 'text' }],
    ]);
  });
});

describe('identity classes read through a method', () => {
  it('a `*Id` class whose one private member is `id`, read by getValue(), is a value object and not an entity', () => {
    const { model } = inspect({
      'src/domain/course.ts': `export class CourseId { constructor(private readonly id: string) {} getValue(): string { return this.id; } }
export class Course { constructor(readonly id: CourseId, readonly title: string) {} }
`,
    });
    expect(model.entities.map((candidate) => candidate.name)).toEqual(['Course']);
    expect(valueObject(model, 'CourseId').shape).toEqual({ kind: 'single', primitive: 'string', accessor: { kind: 'method', name: 'getValue' } });
  });
});

describe('WatchedList-style collections', () => {
  it('are a one-to-many of their entity, rebuilt through the collection’s factory, and never a value object', () => {
    const { model } = inspect({
      'src/shared/watched-list.ts': `export abstract class WatchedList<T> {
  public currentItems: T[];
  private added: T[] = [];
  constructor(initial?: T[]) { this.currentItems = initial ?? []; }
  abstract compareItems(a: T, b: T): boolean;
  public getItems(): T[] { return this.currentItems; }
}
`,
      'src/domain/comment.ts': `export class Comment { constructor(readonly id: string, readonly text: string) {} }
`,
      'src/domain/comments.ts': `import { WatchedList } from '../shared/watched-list.js';
import { Comment } from './comment.js';
export class Comments extends WatchedList<Comment> {
  private constructor(items: Comment[]) { super(items); }
  compareItems(a: Comment, b: Comment): boolean { return a.id === b.id; }
  static create(items?: Comment[]): Comments { return new Comments(items ?? []); }
}
`,
      'src/domain/post.ts': `import { Comments } from './comments.js';
export class Post { constructor(readonly id: string, readonly comments: Comments) {} }
`,
    });
    expect(field(entity(model, 'Post'), 'comments').type).toEqual({
      kind: 'entity',
      name: 'Comment',
      list: true,
      collection: {
        name: 'Comments',
        source: expect.objectContaining({ file: 'src/domain/comments.ts', exportName: 'Comments' }),
        items: { kind: 'method', name: 'getItems' },
        construction: { kind: 'static-factory', method: 'create', parameters: [{ kind: 'field', field: 'items', optional: true }] },
      },
    });
    expect(model.valueObjects.map((candidate) => candidate.name)).not.toContain('Comments');
  });
});

describe('ports returning a generic union alias', () => {
  it('reads Promise<Nullable<Course>> as a Course or null', () => {
    const { model } = inspect({
      'src/shared/nullable.ts': 'export type Nullable<T> = T | null;\n',
      'src/domain/course.ts': `import type { Nullable } from '../shared/nullable.js';
export class Course { constructor(readonly id: string, readonly name: string) {} }
export interface CourseRepository { search(id: string): Promise<Nullable<Course>>; save(course: Course): Promise<void> }
`,
    });
    const search = model.repositoryPorts[0]!.methods.find((method) => method.name === 'search')!;
    expect(search.returnType).toMatchObject({ async: true, nullable: true, list: false, bareText: 'Course', target: { kind: 'entity', name: 'Course' } });
  });
});
