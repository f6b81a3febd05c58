import { describe, expect, it } from 'vitest';
import { templateData } from '../../support/planned-files.js';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';

function plan(sources: Record<string, string>, entities: string[]) {
  const { model, diagnostics } = inspectDomainSources(sources);
  expect(diagnostics).toEqual([]);
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  return planRepositories({ domain: model, persistence, context, entities });
}

const data = (result: ReturnType<typeof plan>, file: string) => templateData(result.files.find((planned) => planned.path === file)) as Record<string, unknown>;
const squash = (text: string) => text.replace(/\s+/g, ' ');

const result = `export class Result<T> {
  public isFailure: boolean;
  public error: string | null;
  private constructor(ok: boolean, error: string | null, private readonly _value?: T) { this.isFailure = !ok; this.error = error; }
  public getValue(): T { if (this._value === undefined) throw new Error('failed'); return this._value; }
  public static ok<U>(value: U): Result<U> { return new Result<U>(true, null, value); }
}
`;

const forum = {
  'src/shared/result.ts': result,
  'src/shared/watched-list.ts': `export abstract class WatchedList<T> {
  public currentItems: T[];
  constructor(initial?: T[]) { this.currentItems = initial ?? []; }
  public getItems(): T[] { return this.currentItems; }
}
`,
  'src/domain/title.ts': `import { Result } from '../shared/result.js';
export class Title {
  private constructor(private readonly props: { value: string }) {}
  get value(): string { return this.props.value; }
  static create(props: { value: string }): Result<Title> { return Result.ok(new Title(props)); }
}
`,
  'src/domain/comment.ts': `import { Result } from '../shared/result.js';
export class Comment {
  private constructor(readonly id: string, private readonly text: string) {}
  getText(): string { return this.text; }
  static create(text: string, id: string): Result<Comment> { return Result.ok(new Comment(id, text)); }
}
export class Comments {
  private constructor(private readonly items: Comment[]) {}
  getItems(): Comment[] { return this.items; }
  static create(items: Comment[]): Comments { return new Comments(items); }
}
`,
  'src/domain/post.ts': `import { Result } from '../shared/result.js';
import { Comments } from './comment.js';
import { Title } from './title.js';
export class Post {
  private constructor(readonly id: string, readonly title: Title, readonly comments: Comments) {}
  static create(props: { title: Title; comments: Comments }, id: string): Result<Post> { return Result.ok(new Post(id, props.title, props.comments)); }
}
export interface PostRepository { save(post: Post): Promise<void> }
`,
};

describe('mappers rebuild state the way the domain allows it', () => {
  it('unwraps Result factories, naming the row on failure, and rebuilds a collection through its factory', () => {
    const planned = plan(forum, ['Post']);
    expect(planned.diagnostics).toEqual([]);
    const mapper = data(planned, 'src/infrastructure/repos/post.mapper.ts');
    const [post, comment] = mapper['entities'] as { toDomainExpression: string; recordEntries: string[] }[];
    const postExpression = squash(post!.toDomainExpression);
    expect(postExpression).toContain(
      "((result) => { if (result.isFailure) throw new Error('cannot rebuild Post from the Post row ' + String(row.id) + ': ' + String(result.error)); return result.getValue(); })(Post.create({",
    );
    expect(postExpression).toContain("title: ((result) => { if (result.isFailure) throw new Error('cannot rebuild Title from the Post row ' + String(row.id)");
    expect(postExpression).toContain('comments: Comments.create(row.comments.map(toComment))');
    expect(squash(comment!.toDomainExpression)).toContain('Comment.create(row.text, row.id)');
    expect(comment!.recordEntries).toContain('text: comment.getText()');
    const repository = data(planned, 'src/infrastructure/repos/prisma-post.repository.ts');
    expect(repository['children']).toMatchObject([{ accessor: 'comments', items: 'comments.getItems()', optional: false }]);
  });

  it('passes stored primitives to fromPrimitives and reads value objects through their accessor methods', () => {
    const planned = plan(
      {
        'src/domain/course.ts': `export class CourseId { constructor(private readonly value: string) {} getValue(): string { return this.value; } }
export class CourseName { constructor(readonly value: string) {} }
export class Course {
  private constructor(readonly id: CourseId, readonly name: CourseName) {}
  static fromPrimitives(plain: { id: string; name: string }): Course { return new Course(new CourseId(plain.id), new CourseName(plain.name)); }
}
export interface CourseRepository { save(course: Course): Promise<void> }
`,
      },
      ['Course'],
    );
    expect(planned.diagnostics).toEqual([]);
    const [course] = data(planned, 'src/infrastructure/repos/course.mapper.ts')['entities'] as { toDomainExpression: string; recordEntries: string[] }[];
    expect(squash(course!.toDomainExpression)).toBe('Course.fromPrimitives({ id: row.id, name: row.name })');
    expect(course!.recordEntries).toEqual(['id: course.id.getValue()', 'name: course.name.value']);
  });

  it('reads props through a base getProps() and builds value objects through a base constructor taking ValueObjectProps<T>', () => {
    const planned = plan(
      {
        'src/libs/value-object.ts': `export type Primitives = string | number | boolean;
export interface DomainPrimitive<T extends Primitives | Date> { value: T }
type ValueObjectProps<T> = T extends Primitives | Date ? DomainPrimitive<T> : T;
export abstract class ValueObject<T> {
  protected readonly props: ValueObjectProps<T>;
  constructor(props: ValueObjectProps<T>) { this.props = props; }
}
`,
        'src/libs/entity.ts': `export abstract class Entity<P> {
  protected readonly props: P;
  private readonly _id: string;
  constructor({ id, props }: { id: string; props: P }) { this._id = id; this.props = props; }
  get id(): string { return this._id; }
  getProps(): P & { id: string } { return Object.freeze({ id: this._id, ...this.props }); }
}
`,
        'src/domain/user.ts': `import { Entity } from '../libs/entity.js';
import { ValueObject } from '../libs/value-object.js';
export class Address extends ValueObject<{ country: string; street: string }> {
  get country(): string { return this.props.country; }
  get street(): string { return this.props.street; }
}
export class Email extends ValueObject<string> {
  get value(): string { return this.props.value; }
}
export interface UserProps { email: Email; address: Address }
export class User extends Entity<UserProps> {
  static restore(id: string, props: UserProps): User { return new User({ id, props }); }
}
export interface UserRepositoryPort { save(user: User): Promise<void> }
`,
      },
      ['User'],
    );
    expect(planned.diagnostics).toEqual([]);
    const [user] = data(planned, 'src/infrastructure/repos/user.mapper.ts')['entities'] as { toDomainExpression: string; recordEntries: string[] }[];
    expect(squash(user!.toDomainExpression)).toBe(
      'User.restore(row.id, { email: new Email({ value: row.email }), address: new Address({ country: row.addressCountry, street: row.addressStreet }) })',
    );
    expect(user!.recordEntries).toEqual([
      'id: user.id',
      'email: user.getProps().email.value',
      'addressCountry: user.getProps().address.country',
      'addressStreet: user.getProps().address.street',
    ]);
  });

  it('reads a class whose state is all private through its snapshot, and rebuilds it from the same primitives', () => {
    const planned = plan(
      {
        'src/domain/order.ts': `export class OrderId { constructor(readonly value: string) {} }
export type OrderStatus = 'open' | 'paid';
export interface OrderPrimitives { id: string; status: OrderStatus; total: number; note?: string }
export class Order {
  private constructor(private readonly id: OrderId, private status: OrderStatus, private total: number, private note?: string) {}
  pay(): void { this.status = 'paid'; }
  toPrimitives(): OrderPrimitives { return { id: this.id.value, status: this.status, total: this.total, note: this.note }; }
  static fromPrimitives(plain: OrderPrimitives): Order { return new Order(new OrderId(plain.id), plain.status, plain.total, plain.note); }
}
export interface OrderRepository { save(order: Order): Promise<void> }
`,
      },
      ['Order'],
    );
    expect(planned.diagnostics).toEqual([]);
    const [order] = data(planned, 'src/infrastructure/repos/order.mapper.ts')['entities'] as { toDomainExpression: string; recordEntries: string[] }[];
    expect(squash(order!.toDomainExpression)).toBe('Order.fromPrimitives({ id: row.id, status: row.status, total: row.total, note: row.note ?? undefined })');
    expect(order!.recordEntries).toEqual([
      'id: order.toPrimitives().id',
      'status: order.toPrimitives().status',
      'total: order.toPrimitives().total',
      'note: order.toPrimitives().note ?? null',
    ]);
  });

  it('refuses, with the static method to add, a class only a private constructor builds', () => {
    const planned = plan(
      {
        'src/domain/user.ts': `export class User {
  private constructor(readonly id: string, readonly email: string) {}
}
export interface UserRepository { save(user: User): Promise<void> }
`,
      },
      ['User'],
    );
    const [skipped] = planned.diagnostics;
    expect(skipped).toMatchObject({ code: 'IG401', location: { file: 'src/domain/user.ts' } });
    expect(skipped!.message).toContain('its constructor is not public');
    expect(skipped!.hint).toContain('static reconstitute(props: ...): User');
  });
});
