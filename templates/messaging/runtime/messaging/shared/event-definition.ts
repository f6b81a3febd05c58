import { UnknownEventError } from './errors.js';
import type { JsonObject } from './json.js';

/** A class of events: anything with a `prototype`, so classes with private constructors qualify. */
export interface EventClass<E extends object = object> {
  readonly prototype: E;
  readonly name: string;
}

/** Everything the messaging layer needs to know about one event type. */
export interface EventDefinition<E extends object> {
  readonly eventClass: EventClass<E>;
  /** The type name on the wire, e.g. `order.placed`. */
  readonly eventType: string;
  /** Raised when the payload shape changes incompatibly; consumers refuse versions they do not know. */
  readonly schemaVersion: number;
  /** The routing key, topic or subject the event is published under. */
  readonly routingKey: string;
  serialize(event: E): JsonObject;
  /** Validates the payload and rebuilds the event; throws `PayloadValidationError`. */
  deserialize(payload: JsonObject): E;
  /** Events sharing a key are handled in publishing order. */
  orderingKey?(event: E): string | undefined;
  occurredAt?(event: E): Date | undefined;
}

/** Keeps the type of a definition literal while checking it. */
export function defineEvent<E extends object>(definition: EventDefinition<E>): EventDefinition<E> {
  return definition;
}

/** The events one application publishes and consumes, looked up by class, instance or wire type. */
export class EventCatalog<E extends object> {
  private readonly byClassMap = new Map<EventClass, EventDefinition<object>>();
  private readonly byTypeMap = new Map<string, EventDefinition<object>>();

  constructor(definitions: readonly EventDefinition<object>[]) {
    for (const definition of definitions) {
      if (this.byTypeMap.has(definition.eventType)) {
        throw new UnknownEventError(`Event type "${definition.eventType}" is defined twice`);
      }
      this.byClassMap.set(definition.eventClass, definition);
      this.byTypeMap.set(definition.eventType, definition);
    }
  }

  byClass<C extends EventClass<E>>(eventClass: C): EventDefinition<C['prototype']> {
    const definition = this.byClassMap.get(eventClass);
    if (definition === undefined) throw new UnknownEventError(`${eventClass.name} is not a known event`);
    return definition as EventDefinition<C['prototype']>;
  }

  /** The definition of an instance, found through its class (or the nearest known base class). */
  byEvent(event: E): EventDefinition<E> {
    const definition = this.find(event);
    if (definition === undefined) throw new UnknownEventError(`${event.constructor.name} is not a known event`);
    return definition;
  }

  /** True for instances of the catalogued classes, so loosely typed callers can hand events over safely. */
  includes(event: object): event is E {
    return this.find(event) !== undefined;
  }

  byType(eventType: string): EventDefinition<E> | undefined {
    return this.byTypeMap.get(eventType) as EventDefinition<E> | undefined;
  }

  private find(event: object): EventDefinition<E> | undefined {
    for (let prototype: unknown = Object.getPrototypeOf(event); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
      const definition = this.byClassMap.get((prototype as { constructor: EventClass }).constructor);
      if (definition !== undefined) return definition as EventDefinition<E>;
    }
    return undefined;
  }

  get definitions(): readonly EventDefinition<E>[] {
    return [...this.byTypeMap.values()] as EventDefinition<E>[];
  }
}
