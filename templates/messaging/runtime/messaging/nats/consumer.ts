import type { Consumer, ConsumerMessages, JsMsg, Subscription } from 'nats';
import { backoffDelayMs } from '../shared/backoff.js';
import { envelopeHeaders, type TransportMessage } from '../shared/envelope.js';
import { BrokerUnavailableError, describeError } from '../shared/errors.js';
import { deadLetterMessage, deliver, type DeliveryOutcome } from '../shared/delivery.js';
import { BrokerConsumer } from '../shared/broker-consumer.js';
import type { MessagingLogger } from '../shared/logger.js';
import { OrderedExecutor } from '../shared/ordered-executor.js';
import type { ConsumerOptions } from '../shared/ports.js';
import { bestEffort, settledBy } from '../shared/shutdown.js';
import type { NatsConfig } from './config.js';
import type { NatsConnection, NatsSession } from './connection.js';
import { watchMaxDeliveries } from './max-deliveries.js';
import { toTransportMessage } from './nats-message.js';
import { isNoResponders, publishAcked } from './publish.js';
import { assertGroupName, catalogSubjects, deadLetterSubject, ensureGroupConsumer, ensureStreams, eventSubject } from './topology.js';

interface Attachment {
  session: NatsSession;
  consumer: Consumer;
  /** JetStream's max-deliveries advisories for the group (see max-deliveries.ts). */
  advisories: Subscription;
}

/**
 * Pulls one group's messages from its durable JetStream consumer, never holding more than `prefetch`
 * unsettled. A message is acked only once its handler succeeded; a failed one is nak'ed with the retry
 * policy's delay, and dead-lettered (then terminated) after its last attempt or at once when it cannot be
 * decoded, so a crash at any point redelivers it (at-least-once). When the connection drops it re-ensures
 * the stream and the durable consumer on the next one and resumes pulling.
 */
export class NatsConsumer<E extends object> extends BrokerConsumer<E, NatsConnection, NatsConfig> {
  private readonly executor = new OrderedExecutor();
  /** Messages pulled and not settled yet: the bound on concurrency, kept alive with `working()`. */
  private readonly unsettled = new Set<JsMsg>();
  private batch: ConsumerMessages | undefined;
  private attachment: Attachment | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private readonly groupSubjects: string[];
  private readonly streamSubjects: string[];

  constructor(connection: NatsConnection, config: NatsConfig, options: ConsumerOptions<E>, logger: MessagingLogger) {
    super(connection, config, options, logger);
    assertGroupName(options.group);
    this.groupSubjects = [...new Set(options.handlers.routingKeys.map((key) => eventSubject(config, key)))];
    this.streamSubjects = catalogSubjects(config, options.handlers.catalog);
  }

  protected async startHandling(): Promise<void> {
    const attachment = await this.attach();
    // stop() was called while starting: it found nothing to wait for.
    if (!this.running) return;
    // Handlers slower than the ack wait, or queued behind others of their aggregate, keep their messages.
    this.progressTimer = setInterval(() => this.reportProgress(), Math.max(250, Math.floor(this.config.ackWaitMs / 3)));
    this.progressTimer.unref();
    this.loop = this.run(attachment);
  }

  protected async stopHandling(deadline: number): Promise<void> {
    // Messages taken but not started go back at once; those in flight are handled and settled first.
    this.executor.handBackWaiting();
    // No more pull requests; what the current one still brings is nak'ed at once for the group's other consumers.
    this.batch?.stop();
    this.wake?.();
    await settledBy(this.loop, deadline);
    if (!(await settledBy(this.executor.idle(), deadline))) {
      this.logger.warn('Handlers still running at the shutdown deadline; their messages go back to the stream', {
        group: this.options.group,
        running: this.unsettled.size,
      });
      for (const msg of this.unsettled) msg.nak();
    }
    clearInterval(this.progressTimer);
    // Acks are sent without waiting for an answer: one round trip makes sure the server has them all.
    const client = this.attachment?.session.client;
    if (client !== undefined && !client.isClosed()) {
      this.attachment?.advisories.unsubscribe();
      await bestEffort('Flushing the acks', () => client.flush(), deadline, this.logger, { group: this.options.group });
    }
    this.attachment = undefined;
  }

  private async attach(): Promise<Attachment> {
    const session = await this.connection.get();
    await ensureStreams(session.jsm, this.config, this.streamSubjects);
    await ensureGroupConsumer(session, this.config, this.options.group, this.groupSubjects, this.logger);
    const consumer = await session.js.consumers.get(this.config.stream, this.options.group);
    // A subscription lives and dies with its connection: one per session.
    const advisories =
      this.attachment?.session === session
        ? this.attachment.advisories
        : watchMaxDeliveries(session, this.config, this.options.group, (seq, letter) => this.deadLetter(seq, letter), this.logger);
    const attachment = { session, consumer, advisories };
    this.attachment = attachment;
    // A pull request on a dead connection would only end at its expiry.
    void session.closed.then(() => {
      if (this.attachment === attachment) this.batch?.stop();
    });
    return attachment;
  }

  private async run(first: Attachment): Promise<void> {
    let attachment: Attachment | undefined = first;
    let failures = 0;
    while (this.running) {
      try {
        attachment ??= await this.attach();
        await this.pull(attachment);
        failures = 0;
      } catch (error) {
        attachment = undefined;
        if (!this.running) break;
        failures++;
        this.logger.warn('Pulling messages failed; resuming', { group: this.options.group, attempt: failures, error: describeError(error) });
        await this.pause(backoffDelayMs(failures, this.config.reconnect));
      }
    }
  }

  /** One pull request for as many messages as there is room for; returns when it is complete or expired. */
  private async pull({ session, consumer }: Attachment): Promise<void> {
    // Waiting for half the window to free up keeps pull requests few under load.
    const threshold = Math.max(1, Math.ceil(this.config.prefetch / 2));
    while (this.running && this.config.prefetch - this.unsettled.size < threshold) await this.pause();
    if (!this.running) return;
    if (session.client.isClosed()) throw new BrokerUnavailableError('The NATS connection closed');
    const batch = await consumer.fetch({ max_messages: this.config.prefetch - this.unsettled.size, expires: this.config.pullExpiresMs });
    this.batch = batch;
    if (!this.running || session.client.isClosed()) batch.stop();
    try {
      for await (const msg of batch) {
        if (this.running) this.accept(msg);
        else msg.nak();
      }
    } finally {
      this.batch = undefined;
    }
  }

  private accept(msg: JsMsg): void {
    const message = toTransportMessage(msg);
    this.unsettled.add(msg);
    this.executor.submit(
      message.headers[envelopeHeaders.orderingKey],
      () => this.handle(msg, message),
      () => this.handBack(msg),
    );
  }

  /** Returns a message not started to the stream, for this group's next pull. */
  private handBack(msg: JsMsg): void {
    this.unsettled.delete(msg);
    msg.nak();
  }

  private async handle(msg: JsMsg, message: TransportMessage): Promise<void> {
    try {
      const outcome = await deliver(message, this.options.handlers, this.config.retry, this.logger);
      await this.settle(msg, message, outcome);
    } catch (error) {
      // The connection died meanwhile: JetStream redelivers the message once its ack wait is over.
      this.logger.warn('Could not settle a message; it will be redelivered', {
        group: this.options.group,
        messageId: message.headers[envelopeHeaders.messageId],
        error: describeError(error),
      });
    } finally {
      this.unsettled.delete(msg);
      this.wake?.();
    }
  }

  private async settle(msg: JsMsg, message: TransportMessage, outcome: DeliveryOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'handled':
      case 'ignored':
        msg.ack();
        return;
      case 'retry':
        // Redelivered by JetStream after the delay, with its delivery count (the attempt) one higher.
        msg.nak(outcome.delayMs);
        return;
      case 'dead-letter':
        await this.deadLetter(msg.seq, deadLetterMessage(message, this.options.group, outcome));
        // Terminated, not acked: JetStream will not redeliver it, and its advisory records the decision.
        msg.term();
        return;
    }
  }

  /** Stores the dead letter, once: the stream sequence identifies it should it be sent again (a crash before `term`, an advisory). */
  private async deadLetter(seq: number, letter: TransportMessage): Promise<void> {
    const subject = deadLetterSubject(this.config, this.options.group);
    const options = { msgID: `${this.options.group}-${seq}`, stream: this.config.deadLetterStream, timeoutMs: this.config.publishTimeoutMs };
    const session = await this.connection.get(this.config.publishTimeoutMs);
    try {
      await publishAcked(session.js, subject, letter, options);
    } catch (error) {
      if (!isNoResponders(error)) throw error;
      // The dead-letter stream was deleted since the consumer started: create it again.
      await ensureStreams(session.jsm, this.config, this.streamSubjects);
      await publishAcked(session.js, subject, letter, options);
    }
  }

  private reportProgress(): void {
    for (const msg of this.unsettled) {
      try {
        msg.working();
      } catch {
        // Its connection is gone: the message will be redelivered anyway.
      }
    }
  }

  /** Waits `ms`, or until a message settles or `stop()` is called. */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
