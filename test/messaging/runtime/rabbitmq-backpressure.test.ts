import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { publishConfirmed } from '../../../templates/messaging/runtime/messaging/rabbitmq/confirm.js';
import { BrokerUnavailableError, PublishRejectedError } from '../../../templates/messaging/runtime/messaging/shared/errors.js';

/** A confirm channel whose socket buffer is full after each publish until it emits 'drain'. */
class FullChannel extends EventEmitter {
  readonly published: string[] = [];
  readonly callbacks: ((error: unknown) => void)[] = [];
  publish(_exchange: string, routingKey: string, _body: Buffer, _options: unknown, callback: (error: unknown) => void): boolean {
    this.published.push(routingKey);
    this.callbacks.push(callback);
    return false;
  }
}

const message = { body: new TextEncoder().encode('{}'), headers: {} };

describe('publishConfirmed on RabbitMQ', () => {
  it('waits for the channel to drain before writing more', async () => {
    const fake = new FullChannel();
    const channel = fake as unknown as ConfirmChannel;
    const first = publishConfirmed(channel, 'x', 'first', message);
    await new Promise((resolve) => setImmediate(resolve));
    const second = publishConfirmed(channel, 'x', 'second', message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.published).toEqual(['first']);
    fake.emit('drain');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.published).toEqual(['first', 'second']);
    for (const callback of fake.callbacks) callback(null);
    await Promise.all([first, second]);
  });

  it('tells a nack from a channel closed before the confirm', async () => {
    const fake = new FullChannel();
    const channel = fake as unknown as ConfirmChannel;
    const nacked = publishConfirmed(channel, 'x', 'nacked', message);
    await new Promise((resolve) => setImmediate(resolve));
    fake.callbacks[0]?.(new Error('message nacked'));
    await expect(nacked).rejects.toThrow(PublishRejectedError);
    fake.emit('drain');
    const cut = publishConfirmed(channel, 'x', 'cut', message);
    await new Promise((resolve) => setImmediate(resolve));
    fake.callbacks[1]?.(new Error('channel closed'));
    await expect(cut).rejects.toThrow(BrokerUnavailableError);
  });
});
