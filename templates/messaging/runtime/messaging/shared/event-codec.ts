import { randomUUID } from 'node:crypto';
import { decodeEnvelope, encodeEnvelope, type Envelope, type TransportMessage } from './envelope.js';
import { MalformedMessageError } from './errors.js';
import type { EventCatalog, EventDefinition } from './event-definition.js';
import type { PublishOptions } from './ports.js';

export interface OutgoingMessage {
  routingKey: string;
  message: TransportMessage;
  envelope: Envelope;
}

/** Serializes an event into what every broker sends: routing key, JSON body, metadata headers. */
export function encodeEvent<E extends object>(catalog: EventCatalog<E>, event: E, options: PublishOptions = {}): OutgoingMessage {
  const definition = catalog.byEvent(event);
  const orderingKey = definition.orderingKey?.(event);
  const envelope: Envelope = {
    messageId: options.messageId ?? randomUUID(),
    eventType: definition.eventType,
    schemaVersion: definition.schemaVersion,
    occurredAt: definition.occurredAt?.(event) ?? new Date(),
    correlationId: options.correlationId ?? randomUUID(),
    ...(options.causationId !== undefined && { causationId: options.causationId }),
    ...(orderingKey !== undefined && { orderingKey }),
    payload: definition.serialize(event),
  };
  return { routingKey: definition.routingKey, message: encodeEnvelope(envelope), envelope };
}

export interface IncomingEvent<E extends object> {
  envelope: Envelope;
  definition: EventDefinition<E>;
  event: E;
}

/** Decodes and validates a received message; throws `MalformedMessageError` when it cannot be trusted. */
export function decodeEvent<E extends object>(catalog: EventCatalog<E>, message: TransportMessage): IncomingEvent<E> {
  const envelope = decodeEnvelope(message);
  const definition = catalog.byType(envelope.eventType);
  if (definition === undefined) throw new MalformedMessageError(`Unknown event type "${envelope.eventType}"`);
  if (envelope.schemaVersion !== definition.schemaVersion) {
    throw new MalformedMessageError(
      `${envelope.eventType} has schema version ${envelope.schemaVersion}; this consumer reads version ${definition.schemaVersion}`,
    );
  }
  return { envelope, definition, event: definition.deserialize(envelope.payload) };
}
