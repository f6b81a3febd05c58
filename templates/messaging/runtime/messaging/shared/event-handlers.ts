import type { EventCatalog, EventClass, EventDefinition } from './event-definition.js';
import type { MessageContext } from './ports.js';

export type EventHandler<E> = (event: E, context: MessageContext) => Promise<void> | void;

export interface Subscription<E extends object> {
  definition: EventDefinition<E>;
  handler: EventHandler<E>;
}

/** The handlers of one consumer group, one per event type, typed by the event class they subscribe to. */
export class EventHandlers<E extends object> {
  private readonly subscriptions = new Map<string, Subscription<E>>();
  readonly catalog: EventCatalog<E>;

  constructor(catalog: EventCatalog<E>) {
    this.catalog = catalog;
  }

  subscribe<C extends EventClass<E>>(eventClass: C, handler: EventHandler<C['prototype']>): this {
    const definition = this.catalog.byClass(eventClass);
    if (this.subscriptions.has(definition.eventType)) {
      throw new Error(`${eventClass.name} already has a handler in this group`);
    }
    this.subscriptions.set(definition.eventType, { definition, handler } as Subscription<E>);
    return this;
  }

  subscriptionFor(eventType: string): Subscription<E> | undefined {
    return this.subscriptions.get(eventType);
  }

  /** The routing keys the group's queue must receive. */
  get routingKeys(): string[] {
    return [...this.subscriptions.values()].map((subscription) => subscription.definition.routingKey);
  }
}
