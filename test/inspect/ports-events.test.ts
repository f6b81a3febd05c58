import { describe, expect, it } from 'vitest';
import { orderDomainFiles, orderModel } from '../messaging/support/order-domain.js';
import type { DomainModel } from '../../src/model/domain.js';
import { promiseOf, writtenType } from '../../src/model/types.js';
import { inspect } from './support.js';

/** Locations aside: the hand-built model uses column 1 where the inspector points at the name. */
function withoutPlaces(model: DomainModel): unknown {
  return JSON.parse(JSON.stringify(model, (key, value: unknown) => (key === 'location' || key === 'column' ? undefined : value)));
}

describe('ports', () => {
  it('reads repository ports under every naming convention', () => {
    const { model } = inspect({
      'src/domain/user.ts': 'export class User { constructor(readonly id: string) {} }\n',
      'src/domain/ports.ts': `import type { User } from './user.js';
export interface UserRepository { save(user: User): Promise<void> }
export interface IAccountRepository { findById(id: string): Promise<Account | undefined> }
export interface InvoiceRepositoryPort { count(): Promise<number> }
export interface TeamRepo { list<T>(filter?: T, limit?: number): Promise<readonly Team[]> }
export interface Account { id: string }
export interface Team { id: string }
`,
    });
    expect(model.repositoryPorts.map((port) => [port.name, port.entity])).toEqual([
      ['IAccountRepository', 'Account'],
      ['InvoiceRepositoryPort', 'Invoice'],
      ['TeamRepo', 'Team'],
      ['UserRepository', 'User'],
    ]);
    const team = model.repositoryPorts.find((port) => port.name === 'TeamRepo');
    expect(team?.methods).toEqual([
      {
        name: 'list',
        parameters: [
          { name: 'filter', type: writtenType({ kind: 'other', text: 'T' }, 'T'), optional: true },
          { name: 'limit', type: writtenType({ kind: 'primitive', primitive: 'number' }, 'number'), optional: true },
        ],
        returnType: promiseOf(writtenType({ kind: 'entity', name: 'Team' }, 'readonly Team[]', true)),
        location: { file: 'src/domain/ports.ts', line: 5, column: 29 },
      },
    ]);
    expect(team?.typeReferences).toEqual([{ name: 'Team', file: 'src/domain/ports.ts' }]);
    expect(model.entities.find((e) => e.name === 'User')?.isAggregateRoot).toBe(true);
    expect(model.entities.find((e) => e.name === 'Team')?.isAggregateRoot).toBe(true);
  });

  it('lists library types without a file, with the package the port imports them from', () => {
    const { model } = inspect({
      'src/domain/user.ts': 'export class User { constructor(readonly id: string) {} }\n',
      'src/domain/user-repository.ts': "import type { Page } from '@acme/paging';\nimport type { User } from './user.js';\nexport interface UserRepository { page(n: number): Promise<Page<User>> }\n",
    });
    expect(model.repositoryPorts[0]?.typeReferences).toEqual([{ name: 'Page', module: '@acme/paging' }, { name: 'User', file: 'src/domain/user.ts' }]);
  });

  it('reads event publisher ports', () => {
    const { model } = inspect({
      'src/domain/bus.ts': `export interface DomainEvent { occurredAt: Date }
export interface EventBus { publish(event: DomainEvent): Promise<void> }
export interface DomainEventPublisher { publish(events: DomainEvent[]): void }
export interface OrderEventPublisher { publish(event: DomainEvent): void }
export interface EventPublisher { publish(event: DomainEvent): void }
export interface EventStore { append(event: DomainEvent): void }
`,
    });
    expect(model.eventPublisherPorts.map((port) => port.name)).toEqual(['DomainEventPublisher', 'EventBus', 'EventPublisher', 'OrderEventPublisher']);
  });
});

describe('events', () => {
  it('classifies events by name, base class and events/ folder; derives eventType and aggregate', () => {
    const { model } = inspect({
      'src/domain/order.ts': 'export class Order { constructor(readonly id: string) {} }\nexport class OrderLine { constructor(readonly id: string) {} }\n',
      'src/domain/base.ts': 'export abstract class DomainEvent { readonly occurredAt = new Date(); }\nexport interface IntegrationMessage { name: string }\n',
      'src/domain/events.ts': `import { DomainEvent } from './base.js';
export class OrderPlacedEvent { constructor(readonly orderId: string) {} }
export class OrderLineAddedDomainEvent { constructor(readonly lineId: string) {} }
export class PaymentFailed extends DomainEvent { constructor(readonly reason: string) { super(); } }
`,
      'src/domain/events/stock-low.ts': "import type { IntegrationEvent } from '../contracts.js';\nexport class StockLow implements IntegrationEvent { constructor(readonly sku: string) {} }\n",
      'src/domain/contracts.ts': 'export interface IntegrationEvent { sku: string }\n',
    });
    expect(model.events.map((event) => [event.name, event.eventType, event.aggregate])).toEqual([
      ['OrderLineAddedDomainEvent', 'order_line.added', 'OrderLine'],
      ['OrderPlacedEvent', 'order.placed', 'Order'],
      ['PaymentFailed', 'payment.failed', undefined],
      ['StockLow', 'stock.low', undefined],
    ]);
    expect(model.events.find((event) => event.name === 'PaymentFailed')?.fields.map((field) => field.name)).toEqual(['occurredAt', 'reason']);
    expect(model.entities.map((entity) => entity.name)).toEqual(['Order', 'OrderLine']);
  });

  it('reads the messaging test domain as its hand-built model says', () => {
    const { model } = inspect(orderDomainFiles);
    const expected = orderModel(true);
    // `string | null` is optional as well as nullable (FieldModel.optional: "`?`, `| null` or `| undefined`").
    const carrier = expected.events[1]?.fields.find((field) => field.name === 'carrier');
    if (carrier) carrier.optional = true;
    expect(withoutPlaces(model)).toEqual(withoutPlaces(expected));
    expect(model.events[0]?.source).toEqual({ file: 'src/domain/order/events/order-placed.ts', line: 4, column: 14, exportName: 'OrderPlaced' });
  });
});

describe('ports extending a generic repository interface', () => {
  it('includes the inherited methods with the type arguments bound', () => {
    const { model } = inspect({
      'src/domain/shared/repository.ts': 'export interface Repository<T, Id> {\n  findById(id: Id): Promise<T | null>;\n  save(entity: T): Promise<void>;\n}\n',
      'src/domain/order.ts': 'export class OrderId { constructor(readonly value: string) {} }\nexport class Order { constructor(readonly id: OrderId, readonly total: number) {} }\n',
      'src/domain/order-repository.ts': `import type { Repository } from './shared/repository.js';
import type { Order, OrderId } from './order.js';
export interface OrderRepository extends Repository<Order, OrderId> {
  save(order: Order): Promise<void>;
  countAll(): Promise<number>;
}
`,
    });
    const [port] = model.repositoryPorts;
    expect(port?.methods.map((m) => `${m.name}(${m.parameters.map((p) => `${p.name}: ${p.type.text}`).join(', ')}): ${m.returnType.text}`)).toEqual([
      'save(order: Order): Promise<void>',
      'countAll(): Promise<number>',
      'findById(id: OrderId): Promise<Order | null>',
    ]);
    expect(port?.methods[2]?.location).toEqual({ file: 'src/domain/shared/repository.ts', line: 2, column: 3 });
    expect(port?.typeReferences).toEqual([
      { name: 'Order', file: 'src/domain/order.ts' },
      { name: 'OrderId', file: 'src/domain/order.ts' },
    ]);
  });
});
