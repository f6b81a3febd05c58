import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { publishConfirmed } from '../../../templates/messaging/runtime/messaging/rabbitmq/confirm.js';
import { withHeartbeat, type RabbitConnection } from '../../../templates/messaging/runtime/messaging/rabbitmq/connection.js';
import { RabbitMqPublisher } from '../../../templates/messaging/runtime/messaging/rabbitmq/publisher.js';
import { silentLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';
import { probe, probeCatalog } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
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

describe('RabbitMqPublisher while RabbitMQ blocks the connection', () => {
  it('holds publishes until the connection is unblocked, and names the block when the deadline passes first', async () => {
    const fake = new FullChannel();
    Object.assign(fake, { assertExchange: async () => ({}), publish: (...args: Parameters<FullChannel['publish']>) => (FullChannel.prototype.publish.apply(fake, args), true) });
    let unblock = () => {};
    const state = { blockedReason: 'low on memory' as string | undefined, resumed: new Promise<void>((resolve) => (unblock = resolve)) };
    const connection = {
      get: async () => ({ createConfirmChannel: async () => fake }),
      whenUnblocked: () => (state.blockedReason === undefined ? Promise.resolve() : state.resumed),
      get blockedReason() {
        return state.blockedReason;
      },
      isConnected: true,
    } as unknown as RabbitConnection;
    const publisher = new RabbitMqPublisher(connection, probeCatalog, { exchange: 'x', publishTimeoutMs: 200 }, silentLogger);
    await expect(publisher.publish(probe(1))).rejects.toThrow(/RabbitMQ blocked the connection \(low on memory\)/);
    expect(fake.published).toEqual([]);
    const publishing = publisher.publish(probe(2));
    state.blockedReason = undefined;
    unblock();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.published).toEqual(['probe.happened', 'probe.happened']);
    for (const callback of fake.callbacks) callback(null);
    await publishing;
  });
});

describe('the RabbitMQ heartbeat', () => {
  it('is set on the URL unless the URL sets its own', () => {
    expect(withHeartbeat('amqp://guest:guest@127.0.0.1:5672/vhost', 30)).toBe('amqp://guest:guest@127.0.0.1:5672/vhost?heartbeat=30');
    expect(withHeartbeat('amqp://127.0.0.1?heartbeat=5', 30)).toBe('amqp://127.0.0.1?heartbeat=5');
  });
});
