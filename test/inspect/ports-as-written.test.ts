import { describe, expect, it } from 'vitest';
import { inspect } from './support.js';

const sku = {
  'src/domain/sku-id.ts': 'export class SkuId { constructor(readonly value: string) {} }\n',
  'src/domain/sku.ts': `import type { SkuId } from './sku-id.js';
export class SKU {
  constructor(readonly id: SkuId, readonly warehouse: string, readonly onHand: number) {}
}
`,
};

describe('repository ports as teams write them', () => {
  it('reads an abstract class used as an injection token: its abstract methods to implement, its concrete ones inherited', () => {
    const { model } = inspect({
      ...sku,
      'src/domain/appointment.ts': 'export class Appointment { constructor(readonly id: string, readonly startsAt: Date) {} }\n',
      'src/domain/appointment.repository.ts': `import type { Appointment } from './appointment.js';
export abstract class AppointmentRepository {
  abstract save(appointment: Appointment): Promise<void>;
  abstract findById(id: string): Promise<Appointment | undefined>;
  async getById(id: string): Promise<Appointment> {
    const found = await this.findById(id);
    if (!found) throw new Error(id);
    return found;
  }
}
`,
    });
    const port = model.repositoryPorts.find((candidate) => candidate.name === 'AppointmentRepository');
    expect(port).toMatchObject({ entity: 'Appointment', declaredAs: 'abstract-class', implementedMethods: ['getById'] });
    expect(port?.methods.map((method) => method.name)).toEqual(['save', 'findById']);
    expect(model.entities.map((entity) => entity.name)).not.toContain('AppointmentRepository');
    expect(model.entities.find((entity) => entity.name === 'Appointment')?.isAggregateRoot).toBe(true);
  });

  it('does not take a generic abstract base, or one named after no entity, for a port', () => {
    const { model } = inspect({
      ...sku,
      'src/domain/base.ts': `export abstract class BaseRepository<T> { abstract save(item: T): Promise<void>; }
export abstract class CacheRepository { abstract clear(): Promise<void>; }
`,
    });
    expect(model.repositoryPorts.map((port) => port.name)).toEqual([]);
  });

  it('matches a port and an identity to their entity regardless of case (SkuRepository, SkuId → SKU)', () => {
    const { model } = inspect({
      ...sku,
      'src/domain/sku-repository.ts': `import type { SKU } from './sku.js';
import type { SkuId } from './sku-id.js';
export interface SkuRepository { search(id: SkuId): Promise<SKU | null> }
`,
    });
    expect(model.repositoryPorts.map((port) => [port.name, port.entity])).toEqual([['SkuRepository', 'SKU']]);
    expect(model.valueObjects.find((valueObject) => valueObject.name === 'SkuId')?.identifies).toBe('SKU');
    expect(model.entities.find((entity) => entity.name === 'SKU')?.isAggregateRoot).toBe(true);
  });
});

describe('abstract-class ports over a generic base', () => {
  it('reads a port that only binds a generic abstract base (extends Repository<User, UserId>), with the type arguments bound', () => {
    const { model } = inspect({
      'src/domain/user-id.ts': 'export class UserId { constructor(readonly value: string) {} }\n',
      'src/domain/user.ts': "import type { UserId } from './user-id.js';\nexport class User { constructor(readonly id: UserId, readonly name: string) {} }\n",
      'src/domain/repository.ts': `export abstract class Repository<T, ID> {
  abstract findById(id: ID): Promise<T | undefined>;
  abstract save(item: T): Promise<void>;
  async require(id: ID): Promise<T> {
    const found = await this.findById(id);
    if (found === undefined) throw new Error('not found');
    return found;
  }
}
`,
      'src/domain/user.repository.ts': `import { Repository } from './repository.js';
import type { User } from './user.js';
import type { UserId } from './user-id.js';
export abstract class UserRepository extends Repository<User, UserId> {}
`,
    });
    const port = model.repositoryPorts.find((candidate) => candidate.name === 'UserRepository');
    expect(port).toMatchObject({ entity: 'User', declaredAs: 'abstract-class', implementedMethods: ['require'] });
    expect(
      port?.methods.map((method) => `${method.name}: ${method.parameters.map((parameter) => parameter.type.text).join(', ')} → ${method.returnType.text}`),
    ).toEqual(['findById: UserId → Promise<User | undefined>', 'save: User → Promise<void>']);
  });

  it('implements, rather than extends, an abstract-class port whose constructor wants arguments; refuses one that has non-public members too', () => {
    const port = (parameter: string) => ({
      'src/domain/user.ts': 'export class User { constructor(readonly id: string) {} }\n',
      'src/domain/user.repository.ts': `import type { User } from './user.js';
export abstract class UserRepository {
  constructor(${parameter}) {}
  abstract save(user: User): Promise<void>;
}
`,
    });
    const open = inspect(port('readonly tableName: string')).model.repositoryPorts[0];
    expect(open).toMatchObject({ name: 'UserRepository', entity: 'User' });
    expect(open?.declaredAs).toBeUndefined();
    expect(inspect(port('tableName: string')).model.repositoryPorts[0]?.declaredAs).toBeUndefined();
    const closed = inspect(port('protected readonly tableName: string')).model.repositoryPorts[0];
    expect(closed).toMatchObject({ declaredAs: 'abstract-class', needsConstructorArguments: true });
  });
});

describe('ports written as properties typed as functions', () => {
  it('reads `findById: (id: UserId) => Promise<User | null>` as the method it declares', () => {
    const { model } = inspect({
      'src/domain/user.ts': 'export class User { constructor(readonly id: string, readonly email: string) {} }\n',
      'src/domain/user-repository.ts': `import type { User } from './user.js';
export interface UserRepository {
  save(user: User): Promise<void>;
  findByEmail: (email: string) => Promise<User | null>;
  readonly label: string;
}
`,
    });
    const port = model.repositoryPorts[0]!;
    expect(
      port.methods.map(
        (method) =>
          `${method.name}(${method.parameters.map((parameter) => `${parameter.name}: ${parameter.type.text}`).join(', ')}): ${method.returnType.text}`,
      ),
    ).toEqual(['save(user: User): Promise<void>', 'findByEmail(email: string): Promise<User | null>']);
    expect(port.methods[1]!.location).toMatchObject({ file: 'src/domain/user-repository.ts', line: 4, column: 3 });
  });
});
