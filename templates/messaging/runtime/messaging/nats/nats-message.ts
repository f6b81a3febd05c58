import { headers as createHeaders, type JsMsg, type MsgHdrs } from 'nats';
import { attemptHeader } from '../shared/delivery.js';
import type { TransportMessage } from '../shared/envelope.js';

/**
 * Headers NATS itself reads or adds (`Nats-Msg-Id`, `Nats-Expected-Stream`, `Nats-Sequence`…). They are not
 * part of the envelope, and carrying them over to a dead-letter copy would deduplicate or misroute it.
 */
function isNatsHeader(name: string): boolean {
  return name.toLowerCase().startsWith('nats-');
}

/** NATS headers for a transport message. A header value is one line, so line breaks (in error texts) become spaces. */
export function toNatsHeaders(headers: Record<string, string>): MsgHdrs {
  const natsHeaders = createHeaders();
  for (const [name, value] of Object.entries(headers)) {
    if (!isNatsHeader(name)) natsHeaders.set(name, value.replace(/[\r\n]+/g, ' '));
  }
  return natsHeaders;
}

export function fromNatsHeaders(natsHeaders: MsgHdrs | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of natsHeaders?.keys() ?? []) {
    if (!isNatsHeader(name)) headers[name] = natsHeaders?.get(name) ?? '';
  }
  return headers;
}

/**
 * The transport message of a JetStream delivery. JetStream counts deliveries itself, so its count is the
 * attempt number, whatever caused the redelivery (a `nak`, an expired ack wait, a crashed consumer).
 */
export function toTransportMessage(msg: JsMsg): TransportMessage {
  return { body: msg.data, headers: { ...fromNatsHeaders(msg.headers), [attemptHeader]: String(msg.info.redeliveryCount) } };
}
