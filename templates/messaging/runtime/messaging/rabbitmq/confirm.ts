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
export async function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, message: TransportMessage): Promise<void> {
  await draining.get(channel);
  return new Promise((resolve, reject) => {
    const writable = channel.publish(exchange, routingKey, toBuffer(message.body), publishOptions(message), (error: unknown) => {
      if (error === null || error === undefined) resolve();
      else if (error instanceof Error && error.message === nackedText) reject(new PublishRejectedError(`RabbitMQ refused the message for "${routingKey}"`, { cause: error }));
      else reject(new BrokerUnavailableError(`The RabbitMQ channel closed before confirming the message for "${routingKey}"; it may or may not have been stored`, { cause: error }));
    });
    if (!writable) holdUntilDrained(channel);
  });
}

/** Channels whose socket buffer is full: publishes on them wait for its 'drain' (or its close) first. */
const draining = new WeakMap<ConfirmChannel, Promise<void>>();

function holdUntilDrained(channel: ConfirmChannel): void {
  if (draining.has(channel)) return;
  draining.set(
    channel,
    new Promise<void>((resolve) => {
      const done = () => {
        channel.off('drain', done);
        channel.off('close', done);
        draining.delete(channel);
        resolve();
      };
      channel.on('drain', done);
      channel.on('close', done);
    }),
  );
}

/** Sends straight to a queue through the default exchange (retries and dead letters). */
export function sendConfirmed(channel: ConfirmChannel, queue: string, message: TransportMessage): Promise<void> {
  return publishConfirmed(channel, '', queue, message);
}
