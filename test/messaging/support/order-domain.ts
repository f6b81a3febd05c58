// A small order domain: its source files, and the model the inspector would read from them, built by hand.
import type { DomainEventModel, DomainModel, EventPublisherPortModel, FieldModel, FieldType } from '../../../src/model/domain.js';
import { orNull, promiseOf, writtenType, type TypeModel, type TypeTarget } from '../../../src/model/types.js';

export const orderDomainFiles: Record<string, string> = {
  'src/domain/order/order-id.ts': `export class OrderId {
  constructor(readonly value: string) {}
}
`,
  'src/domain/order/order-status.ts': `export enum OrderStatus {
  Placed = 'placed',
  Shipped = 'shipped',
}
`,
  'src/domain/order/domain-event.ts': `export interface DomainEvent {
  readonly occurredAt: Date;
}
`,
  'src/domain/order/events/order-placed.ts': `import type { DomainEvent } from '../domain-event.js';
import type { OrderId } from '../order-id.js';

export class OrderPlaced implements DomainEvent {
  constructor(
    readonly orderId: OrderId,
    readonly total: number,
    readonly lines: string[],
    readonly occurredAt: Date,
    readonly note?: string,
  ) {}
}
`,
  'src/domain/order/events/order-shipped.ts': `import type { DomainEvent } from '../domain-event.js';
import type { OrderId } from '../order-id.js';
import type { OrderStatus } from '../order-status.js';

interface OrderShippedProps {
  orderId: OrderId;
  status: OrderStatus;
  carrier: string | null;
  occurredAt: Date;
}

export class OrderShipped implements DomainEvent {
  private constructor(private readonly props: OrderShippedProps) {}

  static create(props: OrderShippedProps): OrderShipped {
    return new OrderShipped(props);
  }

  get orderId(): OrderId {
    return this.props.orderId;
  }

  get status(): OrderStatus {
    return this.props.status;
  }

  get carrier(): string | null {
    return this.props.carrier;
  }

  get occurredAt(): Date {
    return this.props.occurredAt;
  }
}
`,
  'src/domain/order/event-bus.ts': `import type { DomainEvent } from './domain-event.js';

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  publishAll(events: DomainEvent[]): Promise<void>;
}
`,
};

const at = (file: string, line = 1) => ({ file, line, column: 1 });

function field(name: string, type: FieldType, declaredType: TypeModel, file: string, extra: Partial<FieldModel> = {}): FieldModel {
  return { name, type, declaredType, optional: false, nullable: false, tags: {}, accessor: { kind: 'property', name }, location: at(file), ...extra };
}

const primitive = (name: Extract<TypeTarget, { kind: 'primitive' }>['primitive']): TypeTarget => ({ kind: 'primitive', primitive: name });
const domainEvent: TypeTarget = { kind: 'other', text: 'DomainEvent' };

const placedFile = 'src/domain/order/events/order-placed.ts';
const shippedFile = 'src/domain/order/events/order-shipped.ts';
const orderId = { kind: 'identity', valueObject: 'OrderId', entity: 'Order', list: false } as const;
const orderIdType = writtenType({ kind: 'identity', valueObject: 'OrderId', entity: 'Order' }, 'OrderId');

export const orderPlaced: DomainEventModel = {
  name: 'OrderPlaced',
  source: { ...at(placedFile, 4), exportName: 'OrderPlaced' },
  eventType: 'order.placed',
  aggregate: 'Order',
  fields: [
    field('orderId', orderId, orderIdType, placedFile),
    field('total', { kind: 'primitive', primitive: 'number', list: false }, writtenType(primitive('number'), 'number'), placedFile),
    field('lines', { kind: 'primitive', primitive: 'string', list: true }, writtenType(primitive('string'), 'string[]', true), placedFile),
    field('occurredAt', { kind: 'primitive', primitive: 'Date', list: false }, writtenType(primitive('Date'), 'Date'), placedFile),
    field('note', { kind: 'primitive', primitive: 'string', list: false }, writtenType(primitive('string'), 'string'), placedFile, { optional: true }),
  ],
  construction: {
    kind: 'constructor',
    parameters: ['orderId', 'total', 'lines', 'occurredAt', 'note'].map((name) => ({ kind: 'field', field: name, optional: name === 'note' })),
  },
};

export const orderShipped: DomainEventModel = {
  name: 'OrderShipped',
  source: { ...at(shippedFile, 12), exportName: 'OrderShipped' },
  eventType: 'order.shipped',
  aggregate: 'Order',
  fields: [
    field('orderId', orderId, orderIdType, shippedFile),
    field('status', { kind: 'enum', name: 'OrderStatus', list: false }, writtenType({ kind: 'enum', name: 'OrderStatus' }, 'OrderStatus'), shippedFile),
    field('carrier', { kind: 'primitive', primitive: 'string', list: false }, orNull(writtenType(primitive('string'), 'string')), shippedFile, { nullable: true }),
    field('occurredAt', { kind: 'primitive', primitive: 'Date', list: false }, writtenType(primitive('Date'), 'Date'), shippedFile),
  ],
  construction: {
    kind: 'static-factory',
    method: 'create',
    parameters: [{ kind: 'props', fields: ['orderId', 'status', 'carrier', 'occurredAt'], typeName: 'OrderShippedProps' }],
  },
};

export const eventBusPort: EventPublisherPortModel = {
  name: 'EventBus',
  source: { ...at('src/domain/order/event-bus.ts', 3), exportName: 'EventBus' },
  methods: [
    { name: 'publish', parameters: [{ name: 'event', type: writtenType(domainEvent, 'DomainEvent'), optional: false }], returnType: promiseOf(writtenType({ kind: 'void' }, 'void')), location: at('src/domain/order/event-bus.ts', 4) },
    { name: 'publishAll', parameters: [{ name: 'events', type: writtenType(domainEvent, 'DomainEvent[]', true), optional: false }], returnType: promiseOf(writtenType({ kind: 'void' }, 'void')), location: at('src/domain/order/event-bus.ts', 5) },
  ],
  typeReferences: [{ name: 'DomainEvent', file: 'src/domain/order/domain-event.ts' }],
};

export function orderModel(withPort: boolean): DomainModel {
  return {
    entities: [],
    valueObjects: [
      {
        name: 'OrderId',
        source: { ...at('src/domain/order/order-id.ts'), exportName: 'OrderId' },
        shape: { kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'value' } },
        construction: { kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] },
        identifies: 'Order',
      },
    ],
    enums: [
      {
        name: 'OrderStatus',
        kind: 'ts-enum',
        source: { ...at('src/domain/order/order-status.ts'), exportName: 'OrderStatus' },
        location: at('src/domain/order/order-status.ts'),
        members: [
          { name: 'Placed', value: 'placed' },
          { name: 'Shipped', value: 'shipped' },
        ],
      },
    ],
    repositoryPorts: [],
    events: [orderPlaced, orderShipped],
    eventPublisherPorts: withPort ? [eventBusPort] : [],
  };
}
