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
