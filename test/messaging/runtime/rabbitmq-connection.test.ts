// The AMQP socket is opened with Nagle's algorithm off: publishers and consumers share it, and a publish held
// behind a consumer's unanswered basic.ack waits for the server's delayed ACK (`npm run bench`, Outbox rows).
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rabbitMqConfigFromEnv } from '../../../templates/messaging/runtime/messaging/rabbitmq/config.js';
import { RabbitConnection } from '../../../templates/messaging/runtime/messaging/rabbitmq/connection.js';
import { silentLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';
import { serviceAvailable, serviceUrls } from '../../support/services.js';

const available = await serviceAvailable('amqp');

describe.runIf(available)('RabbitConnection', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns Nagle off on its socket', async () => {
    const setNoDelay = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    const connection = new RabbitConnection(rabbitMqConfigFromEnv({ AMQP_URL: serviceUrls.amqp }), silentLogger);
    try {
      await connection.get();
      expect(setNoDelay).toHaveBeenCalled();
      expect(setNoDelay.mock.calls.every(([noDelay]) => noDelay === true)).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
