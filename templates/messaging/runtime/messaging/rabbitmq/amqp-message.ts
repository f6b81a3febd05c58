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

/** The transport message of a delivery. Broker-added headers that are not strings (e.g. `x-death`) are left out. */
export function toTransportMessage(delivery: Message): TransportMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.properties.headers ?? {})) {
    if (typeof value === 'string') headers[name] = value;
    else if (Buffer.isBuffer(value)) headers[name] = value.toString('utf8');
  }
  return { body: delivery.content, headers };
}

export function toBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
