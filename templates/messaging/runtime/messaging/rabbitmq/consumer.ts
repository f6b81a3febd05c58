import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { backoffDelayMs } from '../shared/backoff.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { describeError } from '../shared/errors.js';
import { deadLetterMessage, deliver, retryMessage, type DeliveryOutcome } from '../shared/delivery.js';
import { BrokerConsumer } from '../shared/broker-consumer.js';
import type { MessagingLogger } from '../shared/logger.js';
import { OrderedExecutor } from '../shared/ordered-executor.js';
import type { ConsumerOptions } from '../shared/ports.js';
import { bestEffort, settledBy } from '../shared/shutdown.js';
import { toTransportMessage } from './amqp-message.js';
import type { RabbitMqConfig } from './config.js';
import { sendConfirmed } from './confirm.js';
import type { RabbitConnection } from './connection.js';
import { declareGroup, groupTopology, type GroupTopology } from './topology.js';

/**
 * Consumes one group's work queue with a prefetch window. A message is acked only once its handler
 * succeeded, or once its retry or dead-letter copy is confirmed, so a crash at any point redelivers it
 * (at-least-once). When the channel or connection drops, it re-declares its topology and resumes.
 */
export class RabbitMqConsumer<E extends object> extends BrokerConsumer<E, RabbitConnection, RabbitMqConfig> {
  private channel: ConfirmChannel | undefined;
  private consumerTag: string | undefined;
  private readonly executor = new OrderedExecutor();
  private readonly topology: GroupTopology;

  constructor(connection: RabbitConnection, config: RabbitMqConfig, options: ConsumerOptions<E>, logger: MessagingLogger) {
    super(connection, config, options, logger);
    this.topology = groupTopology(config.exchange, options.group, config.retry);
  }

  protected startHandling(): Promise<void> {
    return this.attach();
  }

  protected async stopHandling(deadline: number): Promise<void> {
    // Deliveries not started yet go back to the queue at once, those that arrive while the consumer is
    // cancelled too; those in flight are handled and settled first.
    this.executor.handBackWaiting();
    // An attachment under way is not waited for (it may be waiting for the broker): it sees the state after
    // each step and closes its channel itself.
    const { channel, consumerTag } = this;
    if (channel !== undefined && consumerTag !== undefined) {
      await bestEffort('Cancelling the consumer', () => channel.cancel(consumerTag), deadline, this.logger, { group: this.options.group });
    }
    if (!(await settledBy(this.executor.idle(), deadline))) {
      this.logger.warn('Handlers still running at the shutdown deadline; their messages go back to the queue', {
        group: this.options.group,
        running: this.executor.size,
      });
    }
    this.channel = undefined;
    // Closing the channel returns every unsettled message to the queue.
    if (channel !== undefined) await bestEffort('Closing the consumer channel', () => channel.close(), deadline, this.logger, { group: this.options.group });
  }

  /** Opens a channel, declares the group and consumes; after every step it gives up if the consumer is stopping. */
  private async attach(): Promise<void> {
    const connection = await this.connection.get();
    if (!this.running) return;
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.logger.warn('Consumer channel error', { group: this.options.group, error: describeError(error) }));
    channel.on('close', () => this.onChannelClosed(channel));
    const abandon = () => channel.close().catch(() => undefined);
    try {
      await declareGroup(channel, this.config, this.topology, this.options.handlers.routingKeys);
      await channel.prefetch(this.config.prefetch);
      if (!this.running) return void (await abandon());
      this.channel = channel;
      const { consumerTag } = await channel.consume(this.topology.workQueue, (delivery) => this.onDelivery(channel, delivery), { noAck: false });
      this.consumerTag = consumerTag;
    } catch (error) {
      await abandon();
      throw error;
    }
  }

  private onChannelClosed(channel: ConfirmChannel): void {
    if (this.channel !== channel || !this.running) return;
    this.channel = undefined;
    this.consumerTag = undefined;
    void this.reattach();
  }

  private async reattach(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.attach();
        return;
      } catch (error) {
        this.logger.warn('Resuming the consumer failed; retrying', { group: this.options.group, attempt, error: describeError(error) });
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, this.config.reconnect)));
      }
    }
  }

  private onDelivery(channel: ConfirmChannel, delivery: ConsumeMessage | null): void {
    // null: the broker cancelled the consumer (e.g. its queue was deleted); the channel stays open.
    if (delivery === null) {
      if (this.channel === channel && this.running) {
        channel.close().catch((error: unknown) => this.logger.warn('Closing a cancelled channel failed', { error: describeError(error) }));
      }
      return;
    }
    const message = toTransportMessage(delivery);
    this.executor.submit(
      message.headers[envelopeHeaders.orderingKey],
      () => this.handle(channel, delivery, message),
      () => this.handBack(channel, delivery),
    );
  }

  /** Returns a delivery not started to the queue; on a closed channel the broker has requeued it already. */
  private handBack(channel: ConfirmChannel, delivery: ConsumeMessage): void {
    try {
      channel.nack(delivery, false, true);
    } catch {
      // The channel is closed: RabbitMQ requeued every unacked delivery of it.
    }
  }

  private async handle(channel: ConfirmChannel, delivery: ConsumeMessage, message: TransportMessage): Promise<void> {
    const outcome = await deliver(message, this.options.handlers, this.config.retry, this.logger);
    try {
      await this.forward(channel, message, outcome);
      channel.ack(delivery);
    } catch (error) {
      // The channel died meanwhile: the broker redelivers the unacked message to the next channel.
      this.logger.warn('Could not settle a message; it will be redelivered', {
        group: this.options.group,
        messageId: message.headers[envelopeHeaders.messageId],
        error: describeError(error),
      });
    }
  }

  private async forward(channel: ConfirmChannel, message: TransportMessage, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.kind === 'retry') {
      const retry = this.topology.retryQueues[outcome.nextAttempt - 2];
      if (retry === undefined) throw new Error(`No delay queue for attempt ${outcome.nextAttempt}`);
      await sendConfirmed(channel, retry.queue, retryMessage(message, outcome.nextAttempt));
    }
    if (outcome.kind === 'dead-letter') {
      await sendConfirmed(channel, this.topology.deadLetterQueue, deadLetterMessage(message, this.options.group, outcome));
    }
  }
}
