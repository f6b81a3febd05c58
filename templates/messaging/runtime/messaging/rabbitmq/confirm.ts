import type { ConfirmChannel } from 'amqplib';
import type { TransportMessage } from '../shared/envelope.js';
import { BrokerUnavailableError, PublishRejectedError } from '../shared/errors.js';
import { publishOptions, toBuffer } from './amqp-message.js';

/** The error amqplib hands a confirm callback for a nack; every other error means the channel closed first. */
const nackedText = 'message nacked';

/**
 * Publishes on a confirm channel; resolves once the broker confirms. A nack is a `PublishRejectedError`; a
 * channel that closes before the confirm is a `BrokerUnavailableError`, since the message may or may not
 * have been stored: a caller that retries on unavailability (with the same message id) loses nothing.
 */
export function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, message: TransportMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, toBuffer(message.body), publishOptions(message), (error: unknown) => {
      if (error === null || error === undefined) resolve();
      else if (error instanceof Error && error.message === nackedText) reject(new PublishRejectedError(`RabbitMQ refused the message for "${routingKey}"`, { cause: error }));
      else reject(new BrokerUnavailableError(`The RabbitMQ channel closed before confirming the message for "${routingKey}"; it may or may not have been stored`, { cause: error }));
    });
  });
}

/** Sends straight to a queue through the default exchange (retries and dead letters). */
export function sendConfirmed(channel: ConfirmChannel, queue: string, message: TransportMessage): Promise<void> {
  return publishConfirmed(channel, '', queue, message);
}
