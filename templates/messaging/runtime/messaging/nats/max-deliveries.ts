import type { Subscription } from 'nats';
import { attemptHeader, deadLetterMessage } from '../shared/delivery.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { describeError } from '../shared/errors.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { NatsConfig } from './config.js';
import type { NatsSession } from './connection.js';
import { fromNatsHeaders } from './nats-message.js';

/** The subject JetStream announces on when a consumer has delivered a message `max_deliver` times and gives up on it. */
export function maxDeliveriesSubject(stream: string, consumer: string): string {
  return `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${consumer}`;
}

interface MaxDeliveriesAdvisory {
  stream_seq: number;
  deliveries: number;
}

function parseAdvisory(data: Uint8Array): MaxDeliveriesAdvisory | undefined {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(data)) as Partial<MaxDeliveriesAdvisory>;
    return Number.isInteger(parsed.stream_seq) && Number.isInteger(parsed.deliveries) ? (parsed as MaxDeliveriesAdvisory) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a dead letter for the stream message `seq`, once (its sequence deduplicates it). */
export type DeadLetterBySequence = (seq: number, letter: TransportMessage) => Promise<void>;

/**
 * Dead-letters what JetStream stops delivering: a message no consumer of the group settled within `max_deliver`
 * deliveries (a process killed while handling it each time, or repeated shutdowns handing it back) would
 * otherwise stay behind in the stream, unlogged. Each consumer of the group listens in one queue group, so one
 * of them acts on each advisory; the copy comes from the stream, which still holds the unacknowledged message.
 */
export function watchMaxDeliveries(
  session: NatsSession,
  config: NatsConfig,
  group: string,
  deadLetter: DeadLetterBySequence,
  logger: MessagingLogger,
): Subscription {
  return session.client.subscribe(maxDeliveriesSubject(config.stream, group), {
    queue: group,
    callback: (error, advisory) => {
      if (error) return logger.warn('The max-deliveries advisory subscription failed', { group, error: describeError(error) });
      const parsed = parseAdvisory(advisory.data);
      if (parsed) void deadLetterDropped(session, config, group, parsed, deadLetter, logger);
    },
  });
}

async function deadLetterDropped(
  session: NatsSession,
  config: NatsConfig,
  group: string,
  { stream_seq: seq, deliveries }: MaxDeliveriesAdvisory,
  deadLetter: DeadLetterBySequence,
  logger: MessagingLogger,
): Promise<void> {
  try {
    const stored = await session.jsm.streams.getMessage(config.stream, { seq });
    const message: TransportMessage = { body: stored.data, headers: { ...fromNatsHeaders(stored.header), [attemptHeader]: String(deliveries) } };
    const error = `JetStream stopped delivering it after ${deliveries} deliveries (max_deliver) that no consumer settled: each stopped (crashed, lost its connection or shut down) while holding it`;
    await deadLetter(seq, deadLetterMessage(message, group, { kind: 'dead-letter', reason: 'exhausted', error, attempts: deliveries }));
    logger.error('Dead-lettered a message JetStream gave up on', {
      group,
      messageId: message.headers[envelopeHeaders.messageId],
      streamSequence: seq,
      deliveries,
    });
  } catch (error) {
    logger.error('A message JetStream gave up on could not be dead-lettered; it stays in the stream, undelivered', {
      group,
      streamSequence: seq,
      deliveries,
      error: describeError(error),
    });
  }
}
