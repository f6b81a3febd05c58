import { describe, expect, it } from 'vitest';
import type { MethodSignatureModel } from '../../src/model/domain.js';
import type { TypeModel } from '../../src/model/types.js';
import { entity, field, inspect } from './support.js';

const domain = {
  'src/domain/user-id.ts': 'export class UserId { constructor(readonly value: string) {} }\n',
  'src/domain/email.ts': `export class Email {
  private constructor(private readonly props: { value: string }) {}
  static create(value: string): Email { return new Email({ value }); }
  get value(): string { return this.props.value; }
}
`,
  'src/domain/role.ts': "export enum Role { Admin = 'admin', Member = 'member' }\nexport type Tier = 'free' | 'paid';\n",
  'src/domain/user.ts': `import type { Email } from './email.js';
import type { Role, Tier } from './role.js';
import type { UserId } from './user-id.js';
export class User {
  constructor(
    readonly id: UserId,
    readonly email: Email,
    readonly role: Role,
    readonly tier: Tier,
    readonly settings: Record<string, number>,
    readonly nickname: string | null,
  ) {}
}
`,
  'src/domain/user-repository.ts': `import type { Email } from './email.js';
import type { Role, Tier } from './role.js';
import type { User } from './user.js';
import type { UserId } from './user-id.js';
export interface UserRepository {
  findById(id: UserId): Promise<User | null>;
  findByEmail(email: Email): Promise<User | undefined>;
  findAllByRole(role: Role): Promise<User[]>;
  findAllByTier(tier: Tier): Promise<Array<User>>;
  findAllByIdIn(ids: readonly UserId[]): Promise<readonly User[]>;
  findAllByEmailIn(emails: ReadonlyArray<Email>): Promise<ReadonlyArray<User>>;
  save(user: User): Promise<void>;
  countByName(name: string): Promise<number>;
  findSync(id: UserId): User | null;
  page(limit?: number): Promise<Page<User>>;
}
interface Page<T> { items: T[] }
`,
};

const methods = (): MethodSignatureModel[] => inspect(domain).model.repositoryPorts[0]!.methods;
const method = (name: string): MethodSignatureModel => methods().find((candidate) => candidate.name === name)!;

/** The structure of a type without its texts, which the other tests print. */
const shape = ({ async, list, nullable, undefinable, target }: TypeModel) => ({ async, list, nullable, undefinable, target });
const plain = { async: false, list: false, nullable: false, undefinable: false };
const user = { kind: 'entity', name: 'User' };

describe('reading the types of port signatures', () => {
  it('reads a promise of an entity or null, and of an entity or undefined', () => {
    expect(shape(method('findById').returnType)).toEqual({ ...plain, async: true, nullable: true, target: user });
    expect(shape(method('findByEmail').returnType)).toEqual({ ...plain, async: true, undefinable: true, target: user });
    expect(method('findById').returnType).toMatchObject({ text: 'Promise<User | null>', bareText: 'User' });
  });

  it('reads every way of writing a list', () => {
    for (const name of ['findAllByRole', 'findAllByTier', 'findAllByIdIn', 'findAllByEmailIn']) {
      expect(shape(method(name).returnType), name).toEqual({ ...plain, async: true, list: true, target: user });
    }
    expect(method('findAllByIdIn').returnType.text).toBe('Promise<readonly User[]>');
    expect(shape(method('findAllByIdIn').parameters[0]!.type)).toEqual({ ...plain, list: true, target: { kind: 'identity', valueObject: 'UserId', entity: 'User' } });
    expect(shape(method('findAllByEmailIn').parameters[0]!.type)).toEqual({ ...plain, list: true, target: { kind: 'valueObject', name: 'Email' } });
  });

  it('reads Promise<void>, primitives, value objects, identities and enums', () => {
    expect(shape(method('save').returnType)).toEqual({ ...plain, async: true, target: { kind: 'void' } });
    expect(shape(method('save').parameters[0]!.type)).toEqual({ ...plain, target: user });
    expect(shape(method('countByName').parameters[0]!.type)).toEqual({ ...plain, target: { kind: 'primitive', primitive: 'string' } });
    expect(shape(method('countByName').returnType)).toEqual({ ...plain, async: true, target: { kind: 'primitive', primitive: 'number' } });
    expect(shape(method('findByEmail').parameters[0]!.type)).toEqual({ ...plain, target: { kind: 'valueObject', name: 'Email' } });
    expect(shape(method('findById').parameters[0]!.type)).toEqual({ ...plain, target: { kind: 'identity', valueObject: 'UserId', entity: 'User' } });
    expect(shape(method('findAllByRole').parameters[0]!.type)).toEqual({ ...plain, target: { kind: 'enum', name: 'Role' } });
    expect(shape(method('findAllByTier').parameters[0]!.type)).toEqual({ ...plain, target: { kind: 'enum', name: 'Tier' } });
  });

  it('tells a synchronous return from a promise', () => {
    expect(shape(method('findSync').returnType)).toEqual({ ...plain, nullable: true, target: user });
    expect(method('findSync').returnType.text).toBe('User | null');
  });

  it('keeps other types as written', () => {
    expect(method('page').returnType.target).toEqual({ kind: 'other', text: 'Page<User>' });
    expect(method('page').parameters[0]).toMatchObject({ name: 'limit', optional: true, type: { text: 'number', undefinable: false } });
  });
});

describe('reading the declared types of fields', () => {
  it('reads records, nullable primitives and value objects', () => {
    const read = entity(inspect(domain).model, 'User');
    const settings = field(read, 'settings').declaredType;
    expect(settings.text).toBe('Record<string, number>');
    expect(settings.target).toMatchObject({ kind: 'record', key: { target: { kind: 'primitive', primitive: 'string' } }, value: { target: { kind: 'primitive', primitive: 'number' } } });
    expect(field(read, 'nickname').declaredType).toEqual({ text: 'string | null', bareText: 'string', ...plain, nullable: true, target: { kind: 'primitive', primitive: 'string' } });
    expect(shape(field(read, 'email').declaredType)).toEqual({ ...plain, target: { kind: 'valueObject', name: 'Email' } });
  });
});
