import type { Message, Options } from 'amqplib';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';

/** AMQP properties for a transport message: persistent, with the envelope mirrored into the standard fields. */
export function publishOptions(message: TransportMessage): Options.Publish {
  const { headers } = message;
  return {
    persistent: true,
    contentType: 'application/json',
    headers,
    ...(headers[envelopeHeaders.messageId] !== undefined && { messageId: headers[envelopeHeaders.messageId] }),
    ...(headers[envelopeHeaders.eventType] !== undefined && { type: headers[envelopeHeaders.eventType] }),
    ...(headers[envelopeHeaders.correlationId] !== undefined && { correlationId: headers[envelopeHeaders.correlationId] }),
  };
}

/**
 * The transport message of a delivery. Scalar headers of other AMQP types (another service's client may
 * send `schema-version` as an integer) are read as their text; tables and arrays (e.g. `x-death`) are left out.
 */
export function toTransportMessage(delivery: Message): TransportMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.properties.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  return { body: delivery.content, headers };
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

export function toBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
