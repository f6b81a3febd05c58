import { MalformedMessageError } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';

/**
 * Header names under which every broker carries the envelope's metadata. The body is the event's
 * JSON payload alone, so any consumer can read it without knowing the envelope.
 */
export const envelopeHeaders = {
  messageId: 'message-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  occurredAt: 'occurred-at',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  orderingKey: 'ordering-key',
} as const;

/** One event on the wire, as every broker adapter shares it. */
export interface Envelope {
  messageId: string;
  eventType: string;
  schemaVersion: number;
  occurredAt: Date;
  /** The id of the whole conversation; a new one when the publisher is not given one. */
  correlationId: string;
  /** The id of the message that caused this one, when there is one. */
  causationId?: string;
  /** Events with the same key are handled in publishing order (usually the aggregate id). */
  orderingKey?: string;
  payload: JsonObject;
}

/** What a broker actually carries: bytes and string headers. */
export interface TransportMessage {
  body: Uint8Array;
  headers: Record<string, string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeEnvelope(envelope: Envelope): TransportMessage {
  const headers: Record<string, string> = {
    [envelopeHeaders.messageId]: envelope.messageId,
    [envelopeHeaders.eventType]: envelope.eventType,
    [envelopeHeaders.schemaVersion]: String(envelope.schemaVersion),
    [envelopeHeaders.occurredAt]: envelope.occurredAt.toISOString(),
    [envelopeHeaders.correlationId]: envelope.correlationId,
  };
  if (envelope.causationId !== undefined) headers[envelopeHeaders.causationId] = envelope.causationId;
  if (envelope.orderingKey !== undefined) headers[envelopeHeaders.orderingKey] = envelope.orderingKey;
  return { body: encoder.encode(JSON.stringify(envelope.payload)), headers };
}

function requiredHeader(headers: Record<string, string>, name: string): string {
  const value = headers[name];
  if (value === undefined || value === '') throw new MalformedMessageError(`Missing header "${name}"`);
  return value;
}

/** Reads an envelope back; throws `MalformedMessageError` for anything a consumer cannot trust. */
export function decodeEnvelope(message: TransportMessage): Envelope {
  const { headers } = message;
  const schemaVersion = Number(requiredHeader(headers, envelopeHeaders.schemaVersion));
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new MalformedMessageError(`Header "${envelopeHeaders.schemaVersion}" is not a positive integer`);
  }
  const occurredAt = new Date(requiredHeader(headers, envelopeHeaders.occurredAt));
  if (Number.isNaN(occurredAt.getTime())) {
    throw new MalformedMessageError(`Header "${envelopeHeaders.occurredAt}" is not a date`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(message.body));
  } catch (error) {
    throw new MalformedMessageError('Body is not UTF-8 JSON', { cause: error });
  }
  if (!isJsonObject(payload)) throw new MalformedMessageError('Body is not a JSON object');
  const causationId = headers[envelopeHeaders.causationId];
  const orderingKey = headers[envelopeHeaders.orderingKey];
  return {
    messageId: requiredHeader(headers, envelopeHeaders.messageId),
    eventType: requiredHeader(headers, envelopeHeaders.eventType),
    schemaVersion,
    occurredAt,
    correlationId: requiredHeader(headers, envelopeHeaders.correlationId),
    ...(causationId !== undefined && { causationId }),
    ...(orderingKey !== undefined && { orderingKey }),
    payload,
  };
}
