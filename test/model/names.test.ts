import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../../src/config/options.js';
import { entityNames, eventNames, publisherAdapterName } from '../../src/model/names.js';

const naming = (raw: object = {}) => optionsSchema.parse({ naming: raw }).naming;

describe('entityNames', () => {
  it('gives every name form of an entity', () => {
    expect(entityNames('OrderLine', naming())).toEqual({
      class: 'OrderLine',
      property: 'orderLine',
      plural: 'orderLines',
      file: 'order-line',
      table: 'order_lines',
      delegate: 'orderLine',
      repositoryClass: 'PrismaOrderLineRepository',
      repositoryFile: 'prisma-order-line.repository.ts',
      port: 'OrderLineRepository',
      portFile: 'order-line-repository.ts',
      mapperFile: 'order-line.mapper.ts',
      toDomain: 'toOrderLine',
      toRecord: 'orderLineRecord',
      writer: 'writeOrderLine',
      rowType: 'OrderLineRow',
      include: 'orderLineInclude',
      keyVariable: 'orderLineId',
      sortField: 'OrderLineSortField',
      seedFile: 'order-line.seed.ts',
      seedFunction: 'seedOrderLines',
      builder: 'buildOrderLine',
      seedRefsType: 'OrderLineSeedRefs',
      indefinite: 'an order line',
    });
  });

  it('names one of them in prose with the article its first sound takes', () => {
    const prose = (name: string) => entityNames(name, naming()).indefinite;
    expect([prose('Appointment'), prose('Ticket'), prose('User'), prose('Hour'), prose('SKU'), prose('HTTPRequest'), prose('UnitOfWork')]).toEqual([
      'an appointment',
      'a ticket',
      'a user',
      'an hour',
      'an SKU',
      'an HTTP request',
      'a unit of work',
    ]);
  });

  it("names the Prisma Client delegate by Prisma's rule: the model's first character lowercased", () => {
    expect(entityNames('SKU', naming()).delegate).toBe('sKU');
    expect(entityNames('SKU', naming()).property).toBe('sku');
    expect(entityNames('Category', naming()).delegate).toBe('category');
  });

  it('names variables of entities named like reserved words so that they can be declared', () => {
    expect(entityNames('Default', naming())).toMatchObject({ property: 'defaultEntity', delegate: 'default', keyVariable: 'defaultEntityId', toRecord: 'defaultEntityRecord' });
    expect(entityNames('Enum', naming()).property).toBe('enumEntity');
    expect(entityNames('Type', naming()).property).toBe('type');
  });

  it('pluralizes the last word of the table and follows the table case', () => {
    expect(entityNames('Category', naming()).table).toBe('categories');
    expect(entityNames('OrderLine', naming({ tableCase: 'pascal', pluralTables: false })).table).toBe('OrderLine');
    expect(entityNames('OrderLine', naming({ tableCase: 'camel' })).table).toBe('orderLines');
    expect(entityNames('OrderLine', naming(), 'lines').table).toBe('lines');
  });

  it('names the seed function after the plural', () => {
    expect(entityNames('Category', naming())).toMatchObject({ plural: 'categories', seedFunction: 'seedCategories', seedFile: 'category.seed.ts' });
  });
});

describe('eventNames', () => {
  it('names the definition, the routing key and the field naming the aggregate', () => {
    expect(eventNames({ name: 'OrderPlaced', eventType: 'order.placed', aggregate: 'Order' })).toEqual({
      definition: 'orderPlacedDefinition',
      routingKey: 'order.placed',
      aggregateKey: 'orderId',
    });
    expect(eventNames({ name: 'SystemStarted', eventType: 'system.started' })).toEqual({ definition: 'systemStartedDefinition', routingKey: 'system.started' });
  });

  it('names the adapter behind a publisher port', () => {
    expect(['EventBus', 'IEventBus', 'DomainEventPublisherPort'].map(publisherAdapterName)).toEqual(['BrokerEventBus', 'BrokerEventBus', 'BrokerDomainEventPublisher']);
  });
});
