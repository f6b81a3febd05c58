import type { Message, Options } from 'amqplib';
import { attemptHeader, attemptOf } from '../shared/delivery.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';

/** Headers RabbitMQ sets on a delivery itself; copying them onto a retry or dead letter would mislead the next reader. */
const brokerHeader = /^x-(delivery-count$|death$|first-death-|last-death-)/;

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
 * send `schema-version` as an integer) are read as their text; tables and arrays are left out. A quorum
 * queue counts the earlier deliveries of this copy that were never settled (`x-delivery-count`: a crashed
 * consumer, a lost connection); they count as attempts. Classic queues keep no such count.
 */
export function toTransportMessage(delivery: Message): TransportMessage {
  const headers: Record<string, string> = {};
  const amqpHeaders = delivery.properties.headers ?? {};
  for (const [name, value] of Object.entries(amqpHeaders)) {
    const text = brokerHeader.test(name) ? undefined : headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  const unsettled = Number(amqpHeaders['x-delivery-count'] ?? 0);
  if (Number.isInteger(unsettled) && unsettled > 0) headers[attemptHeader] = String(attemptOf({ body: delivery.content, headers }) + unsettled);
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
