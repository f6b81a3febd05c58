import type { ConfirmChannel } from 'amqplib';
import type { TransportMessage } from '../shared/envelope.js';
import { PublishRejectedError } from '../shared/errors.js';
import { publishOptions, toBuffer } from './amqp-message.js';

/** Publishes on a confirm channel; resolves once the broker confirms, rejects if it nacks or the channel closes first. */
export function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, message: TransportMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, toBuffer(message.body), publishOptions(message), (error: unknown) => {
      if (error === null || error === undefined) resolve();
      else reject(new PublishRejectedError(`RabbitMQ did not accept the message for "${routingKey}"`, { cause: error }));
    });
  });
}

/** Sends straight to a queue through the default exchange (retries and dead letters). */
export function sendConfirmed(channel: ConfirmChannel, queue: string, message: TransportMessage): Promise<void> {
  return publishConfirmed(channel, '', queue, message);
}
