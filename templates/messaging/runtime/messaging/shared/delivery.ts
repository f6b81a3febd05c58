import type { TransportMessage } from './envelope.js';
import { envelopeHeaders } from './envelope.js';
import { describeError } from './errors.js';
import { decodeEvent, type IncomingEvent } from './event-codec.js';
import type { EventHandlers } from './event-handlers.js';
import type { MessagingLogger } from './logger.js';
import type { DeadLetter } from './ports.js';
import { backoffDelayMs } from './backoff.js';
import type { RetryPolicy } from './retry-policy.js';

/** Header counting handler runs, set by the consumer when it schedules a retry. */
export const attemptHeader = 'attempt';

export const deadLetterHeaders = {
  group: 'dead-letter-group',
  reason: 'dead-letter-reason',
  error: 'dead-letter-error',
  attempts: 'dead-letter-attempts',
  at: 'dead-lettered-at',
} as const;

/** What a consumer must do with a message after trying to handle it. Every broker adapter applies these the same way. */
export type DeliveryOutcome =
  | { kind: 'handled' }
  /** The group has no handler for this event type: settle it and move on. */
  | { kind: 'ignored' }
  | { kind: 'retry'; nextAttempt: number; delayMs: number; error: string }
  | { kind: 'dead-letter'; reason: DeadLetter['reason']; error: string; attempts: number };

export function attemptOf(message: TransportMessage): number {
  const attempt = Number(message.headers[attemptHeader] ?? '1');
  return Number.isInteger(attempt) && attempt >= 1 ? attempt : 1;
}

/**
 * Decodes one message, runs its handler, and says what to do with it. Never throws. The attempt comes from
 * the broker's own delivery count where it has one, so a message delivered more than `maxAttempts` times
 * without ever being settled (its handler crashes the process each time) is dead-lettered without running it again.
 */
export async function deliver<E extends object>(
  message: TransportMessage,
  handlers: EventHandlers<E>,
  retryPolicy: RetryPolicy,
  logger?: MessagingLogger,
): Promise<DeliveryOutcome> {
  let incoming: IncomingEvent<E>;
  try {
    incoming = decodeEvent(handlers.catalog, message);
  } catch (error) {
    // A constructor refusing the values (a domain invariant) makes the message just as unusable as bad JSON.
    return { kind: 'dead-letter', reason: 'malformed', error: describeError(error), attempts: 0 };
  }
  const subscription = handlers.subscriptionFor(incoming.envelope.eventType);
  if (subscription === undefined) return { kind: 'ignored' };
  const attempt = attemptOf(message);
  const { envelope } = incoming;
  if (attempt > retryPolicy.maxAttempts) {
    const error = `Delivered ${attempt - 1} times without being settled: the consumer stopped (crashed, or lost its connection) while handling it each time`;
    logger?.error('Dead-lettering a message that was never settled', { messageId: envelope.messageId, eventType: envelope.eventType, deliveries: attempt - 1 });
    return { kind: 'dead-letter', reason: 'exhausted', error, attempts: attempt - 1 };
  }
  try {
    await subscription.handler(incoming.event, {
      messageId: envelope.messageId,
      eventType: envelope.eventType,
      schemaVersion: envelope.schemaVersion,
      occurredAt: envelope.occurredAt,
      correlationId: envelope.correlationId,
      ...(envelope.causationId !== undefined && { causationId: envelope.causationId }),
      attempt,
    });
    return { kind: 'handled' };
  } catch (error) {
    if (attempt >= retryPolicy.maxAttempts) {
      return { kind: 'dead-letter', reason: 'exhausted', error: describeError(error), attempts: attempt };
    }
    return { kind: 'retry', nextAttempt: attempt + 1, delayMs: backoffDelayMs(attempt, retryPolicy), error: describeError(error) };
  }
}

/** The message to send again after `delayMs`. */
export function retryMessage(message: TransportMessage, nextAttempt: number): TransportMessage {
  return { body: message.body, headers: { ...message.headers, [attemptHeader]: String(nextAttempt) } };
}

/** The message as it is kept in a dead-letter queue: the original, plus why it is there. */
export function deadLetterMessage(
  message: TransportMessage,
  group: string,
  outcome: Extract<DeliveryOutcome, { kind: 'dead-letter' }>,
): TransportMessage {
  return {
    body: message.body,
    headers: {
      ...message.headers,
      [deadLetterHeaders.group]: group,
      [deadLetterHeaders.reason]: outcome.reason,
      // Header tables are size-limited on some brokers; the error text is for humans, so it is bounded.
      [deadLetterHeaders.error]: outcome.error.slice(0, 2_000),
      [deadLetterHeaders.attempts]: String(outcome.attempts),
      [deadLetterHeaders.at]: new Date().toISOString(),
    },
  };
}

/** Reads a message taken from a dead-letter queue. */
export function readDeadLetter(message: TransportMessage): DeadLetter {
  const { headers } = message;
  return {
    group: headers[deadLetterHeaders.group] ?? '',
    messageId: headers[envelopeHeaders.messageId],
    eventType: headers[envelopeHeaders.eventType],
    reason: headers[deadLetterHeaders.reason] === 'malformed' ? 'malformed' : 'exhausted',
    error: headers[deadLetterHeaders.error] ?? '',
    attempts: Number(headers[deadLetterHeaders.attempts] ?? '0'),
    headers,
    body: message.body,
  };
}
