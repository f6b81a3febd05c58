// Reading a RabbitMQ group's dead letters must leave them as they were: same order, not redelivered, not counted.
import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { RabbitMqBroker } from '../../../templates/messaging/runtime/messaging/rabbitmq/broker.js';
import { rabbitMqConfigFromEnv } from '../../../templates/messaging/runtime/messaging/rabbitmq/config.js';
import { deleteGroup } from '../../../templates/messaging/runtime/messaging/rabbitmq/topology.js';
import { EventHandlers } from '../../../templates/messaging/runtime/messaging/shared/event-handlers.js';
import { silentLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';
import { probeCatalog, ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { serviceAvailable, serviceUrls } from '../../support/services.js';

const available = await serviceAvailable('amqp');

describe.runIf(available)('RabbitMQ dead-letter inspection', () => {
  const exchange = `dead-letters.${randomUUID().slice(0, 8)}`;
  const config = rabbitMqConfigFromEnv({ AMQP_URL: serviceUrls.amqp, AMQP_EXCHANGE: exchange });
  const broker = new RabbitMqBroker({ catalog: probeCatalog, config, logger: silentLogger });

  afterAll(async () => {
    await broker.close();
    const connection = await connect(serviceUrls.amqp);
    const channel = await connection.createChannel();
    await deleteGroup(channel, broker.topology('inspected'));
    await channel.deleteExchange(exchange);
    await connection.close();
  });

  it('reads at most `limit` letters, oldest first, and leaves every letter unmarked and in place', async () => {
    await broker.consumer({ group: 'inspected', handlers: new EventHandlers(probeCatalog).subscribe(ProbeEvent, () => {}) }).start();
    const queue = broker.topology('inspected').deadLetterQueue;
    const connection = await connect(serviceUrls.amqp);
    const channel = await connection.createConfirmChannel();
    for (const id of ['a', 'b', 'c']) channel.sendToQueue(queue, Buffer.from('{}'), { headers: { 'message-id': id, 'dead-letter-group': 'inspected', 'dead-lettered-at': new Date(Date.UTC(2024, 0, 1, 0, 0, id.charCodeAt(0) - 97)).toISOString() } });
    await channel.waitForConfirms();
    for (const _ of [1, 2, 3]) expect((await broker.deadLetters('inspected', { limit: 2 })).map((letter) => letter.messageId)).toEqual(['a', 'b']);
    const raw: [string, boolean, number][] = [];
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (message === false) break;
      raw.push([String(message.properties.headers?.['message-id']), message.fields.redelivered, Number(message.properties.headers?.['x-delivery-count'] ?? 0)]);
    }
    await connection.close();
    expect(raw).toEqual([
      ['a', false, 0],
      ['b', false, 0],
      ['c', false, 0],
    ]);
  }, 30_000);
});
