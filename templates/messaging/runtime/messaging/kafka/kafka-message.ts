import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { attemptHeader } from '../shared/delivery.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { MalformedMessageError } from '../shared/errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Kafka headers for a transport message: every value is sent as UTF-8 bytes. */
export function toKafkaHeaders(headers: Record<string, string>): IHeaders {
  const kafkaHeaders: IHeaders = {};
  for (const [name, value] of Object.entries(headers)) kafkaHeaders[name] = Buffer.from(value, 'utf8');
  return kafkaHeaders;
}

function headerText(name: string, value: Buffer | string): string {
  if (typeof value === 'string') return value;
  try {
    return decoder.decode(value);
  } catch (error) {
    throw new MalformedMessageError(`Header "${name}" is not UTF-8`, { cause: error });
  }
}

/**
 * The string headers of a received message. Kafka allows a name to repeat; the last value wins, as with
 * `lastHeader` in the Java client. Throws `MalformedMessageError` for a value that is not UTF-8.
 */
export function fromKafkaHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) result[name] = headerText(name, value);
  }
  return result;
}

/**
 * The record to produce: keyed by the ordering key (the aggregate id), so that the default partitioner
 * (murmur2, as in the Java client) puts every event of one aggregate on one partition, in order. Events
 * without an ordering key have no key and are spread over the partitions.
 */
export function toKafkaMessage(message: TransportMessage, key = message.headers[envelopeHeaders.orderingKey]): Message {
  return {
    key: key ?? null,
    value: Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength),
    headers: toKafkaHeaders(message.headers),
  };
}

/**
 * The transport message of a received record, with `attempt` the consumer's own count of handler runs
 * (Kafka does not count redeliveries). A record without a value (a tombstone) has an empty body, which the
 * envelope decoder refuses like any other malformed message.
 */
export function toTransportMessage(message: Pick<KafkaMessage, 'value' | 'headers'>, attempt: number): TransportMessage {
  const headers = fromKafkaHeaders(message.headers);
  headers[attemptHeader] = String(attempt);
  return { body: message.value ?? new Uint8Array(0), headers };
}
