import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { DomainLookup } from '../../../src/generators/repos/domain-lookup.js';
import { planRepositoryTests, planSeeds } from '../../../src/generators/seeds/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { MemoryTree } from '../../../src/workspace/index.js';

const user = `export class User {
  constructor(
    readonly id: string,
    /** @unique */
    readonly email: string,
  ) {}
}
`;

function suiteOf(port: string) {
  const { model } = inspectDomainSources({ 'src/domain/user.ts': user, 'src/domain/user-repository.ts': port });
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const tree = new MemoryTree({ 'src/infrastructure/repos/prisma-user.repository.ts': '// generated' });
  const seeds = planSeeds({ domain: model, persistence, context, entities: ['User'], count: 3, tree });
  const tests = planRepositoryTests({ lookup: new DomainLookup(model, persistence), context, repositories: seeds.repositories, seeds, tree });
  const seedModule = seeds.files.find((file) => file.path.endsWith('user.seed.ts'))!.data as Record<string, unknown>;
  return { suite: (tests.files[0]!.data as { suites: Record<string, unknown>[] }).suites[0]!, seedModule };
}

describe('planRepositoryTests, the roles of port methods', () => {
  it('calls a delete that takes the aggregate (remove(user: User)) with the aggregate, not its key', () => {
    const { suite } = suiteOf(`import type { User } from './user.js';
export interface UserRepository {
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  remove(user: User): Promise<void>;
}
`);
    expect(suite['roles']).toMatchObject({ findById: 'findById', deleteEntity: 'remove' });
    expect((suite['roles'] as Record<string, unknown>)['delete']).toBeUndefined();
    expect(suite['deletion']).toEqual({ name: 'remove', argument: 'user' });
  });

  it('uses the port’s own names: a batch save, a finder returning undefined, a single save named persist', () => {
    const { suite, seedModule } = suiteOf(`import type { User } from './user.js';
export interface UserRepository {
  persist(user: User): Promise<void>;
  persistAll(users: User[]): Promise<void>;
  search(id: string): Promise<User | undefined>;
  delete(id: string): Promise<void>;
}
`);
    expect(suite['roles']).toMatchObject({ save: 'persist', saveAll: 'persistAll', findById: 'search', delete: 'delete' });
    expect(suite['missing']).toBe('Undefined');
    expect(suite['deletion']).toEqual({ name: 'delete', argument: 'user.id' });
    expect(seedModule['saveMethod']).toBe('persist');
  });

  it('prefers a finder that returns null for a missing key, and expects a throwing one to reject', () => {
    const both = suiteOf(`import type { User } from './user.js';
export interface UserRepository {
  save(user: User): Promise<void>;
  getById(id: string): Promise<User>;
  search(id: string): Promise<User | null>;
}
`).suite;
    expect(both['roles']).toMatchObject({ findById: 'search' });
    expect(both['missing']).toBe('Null');
    const throwing = suiteOf(`import type { User } from './user.js';
export interface UserRepository {
  save(user: User): Promise<void>;
  getById(id: string): Promise<User>;
}
`).suite;
    expect(throwing['roles']).toMatchObject({ findById: 'getById' });
    expect(throwing['missing']).toBeUndefined();
  });

  it('inserts through Prisma Client, and writes no suite, when the port’s save is synchronous', () => {
    const { model } = inspectDomainSources({
      'src/domain/user.ts': user,
      'src/domain/user-repository.ts': "import type { User } from './user.js';\nexport interface UserRepository {\n  save(user: User): void;\n}\n",
    });
    const options = defaultOptions();
    const { persistence } = planPersistence(model, options);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const tree = new MemoryTree({ 'src/infrastructure/repos/prisma-user.repository.ts': '// generated' });
    const seeds = planSeeds({ domain: model, persistence, context, entities: ['User'], count: 3, tree });
    expect(seeds.steps).toEqual([{ entity: 'User', through: 'prisma' }]);
    expect(seeds.notes.map((note) => note.text)).toContain("User's repository has no asynchronous save: its rows are inserted with Prisma Client");
    expect(planRepositoryTests({ lookup: new DomainLookup(model, persistence), context, repositories: seeds.repositories, seeds, tree }).files).toEqual([]);
  });

  it('passes the key’s value to a by-key method that takes a primitive, and the key itself to one that takes the value object', () => {
    const { model } = inspectDomainSources({
      'src/domain/user-id.ts': 'export class UserId {\n  constructor(readonly value: string) {}\n}\n',
      'src/domain/user.ts':
        "import type { UserId } from './user-id.js';\nexport class User {\n  constructor(readonly id: UserId, readonly name: string) {}\n}\n",
      'src/domain/user-repository.ts': `import type { User } from './user.js';
import type { UserId } from './user-id.js';
export interface UserRepository {
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  exists(id: UserId): Promise<boolean>;
  delete(id: string): Promise<void>;
}
`,
    });
    const options = defaultOptions();
    const { persistence } = planPersistence(model, options);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const tree = new MemoryTree({ 'src/infrastructure/repos/prisma-user.repository.ts': '// generated' });
    const seeds = planSeeds({ domain: model, persistence, context, entities: ['User'], count: 3, tree });
    const tests = planRepositoryTests({ lookup: new DomainLookup(model, persistence), context, repositories: seeds.repositories, seeds, tree });
    const suite = (tests.files[0]!.data as { suites: Record<string, unknown>[] }).suites[0]!;
    expect(suite['keyArgument']).toBe('user.id.value');
    expect(suite['existsArgument']).toBe('user.id');
    expect(suite['deletion']).toEqual({ name: 'delete', argument: 'user.id.value' });
  });
});
