import type { ConfirmChannel } from 'amqplib';
import { withinDeadline } from '../shared/backoff.js';
import { BrokerUnavailableError, describeError, MessagingClosedError } from '../shared/errors.js';
import { encodeEvent, type OutgoingMessage } from '../shared/event-codec.js';
import type { EventCatalog } from '../shared/event-definition.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { MessagePublisher, PublishOptions } from '../shared/ports.js';
import { bestEffort, shutdownDeadline, type ShutdownOptions } from '../shared/shutdown.js';
import type { RabbitMqConfig } from './config.js';
import { publishConfirmed } from './confirm.js';
import type { RabbitConnection } from './connection.js';
import { declareExchange } from './topology.js';

/**
 * Publishes persistent messages on a confirm channel. `publish` resolves once RabbitMQ confirms, and rejects
 * within `publishTimeoutMs` otherwise. Nothing is republished behind the caller's back after a reconnection:
 * a rejected publish is the caller's to retry (with the same `messageId` if duplicates matter).
 */
export class RabbitMqPublisher<E extends object> implements MessagePublisher<E> {
  private channel: Promise<ConfirmChannel> | undefined;
  private closed = false;
  private readonly connection: RabbitConnection;
  private readonly catalog: EventCatalog<E>;
  private readonly config: Pick<RabbitMqConfig, 'exchange' | 'publishTimeoutMs'>;
  private readonly logger: MessagingLogger;

  constructor(
    connection: RabbitConnection,
    catalog: EventCatalog<E>,
    config: Pick<RabbitMqConfig, 'exchange' | 'publishTimeoutMs'>,
    logger: MessagingLogger,
  ) {
    this.connection = connection;
    this.catalog = catalog;
    this.config = config;
    this.logger = logger;
  }

  async publish(event: E, options?: PublishOptions): Promise<void> {
    if (this.closed) throw new MessagingClosedError('The publisher is closed');
    const outgoing = encodeEvent(this.catalog, event, options);
    const { publishTimeoutMs } = this.config;
    // The publish timeout, not the wait for a connection inside `send`, names the failure.
    await withinDeadline(() => this.send(outgoing, publishTimeoutMs), Date.now() + publishTimeoutMs, () => this.timeoutError(outgoing));
  }

  async close(options?: ShutdownOptions): Promise<void> {
    this.closed = true;
    const channel = this.channel;
    this.channel = undefined;
    if (channel === undefined) return;
    // Closing waits for outstanding confirms, so publishes already under way still settle, unless the server never answers.
    await bestEffort('Closing the publish channel', () => channel.then((open) => open.close()), shutdownDeadline(options), this.logger);
  }

  private async send({ routingKey, message }: OutgoingMessage, timeoutMs: number): Promise<void> {
    const channel = await this.openChannel(timeoutMs);
    await this.connection.whenUnblocked();
    await publishConfirmed(channel, this.config.exchange, routingKey, message);
  }

  private openChannel(timeoutMs: number): Promise<ConfirmChannel> {
    if (this.channel === undefined) {
      const pending = this.createChannel(timeoutMs);
      this.channel = pending;
      const forget = () => {
        if (this.channel === pending) this.channel = undefined;
      };
      pending.then((channel) => channel.on('close', forget), forget);
    }
    return this.channel;
  }

  private async createChannel(timeoutMs: number): Promise<ConfirmChannel> {
    const connection = await this.connection.get(timeoutMs);
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.logger.warn('Publish channel error', { error: describeError(error) }));
    await declareExchange(channel, this.config.exchange);
    return channel;
  }

  private timeoutError({ envelope }: OutgoingMessage): BrokerUnavailableError {
    const detail = `${envelope.eventType} ${envelope.messageId} was not confirmed within ${this.config.publishTimeoutMs} ms`;
    const blocked = this.connection.blockedReason;
    if (blocked !== undefined) return new BrokerUnavailableError(`${detail}: RabbitMQ blocked the connection (${blocked})`);
    if (this.connection.isConnected) return new BrokerUnavailableError(detail);
    const unreachable = this.connection.unavailable(this.config.publishTimeoutMs);
    return new BrokerUnavailableError(`${detail}: ${unreachable.message}`, { cause: unreachable.cause });
  }
}
