import { ErrorCode, NatsError } from 'nats';
import { withinDeadline } from '../shared/backoff.js';
import { DeadlinePublisher } from '../shared/broker-base.js';
import { BrokerUnavailableError, describeError } from '../shared/errors.js';
import type { OutgoingMessage } from '../shared/event-codec.js';
import type { EventCatalog } from '../shared/event-definition.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { NatsConfig } from './config.js';
import type { NatsConnection, NatsSession } from './connection.js';
import { isConnectionFailure, isNoResponders, publishAcked } from './publish.js';
import { catalogSubjects, ensureStreams, eventSubject } from './topology.js';

/**
 * Publishes to the catalog's JetStream stream. `publish` resolves once JetStream acknowledges (PubAck) and
 * rejects with `BrokerUnavailableError` within `publishTimeoutMs` otherwise. Each message carries its message
 * id as `Nats-Msg-Id`, so when the connection drops before the acknowledgement it is sent again on the next
 * connection: within the stream's duplicate window JetStream stores it once however many times it arrives.
 */
export class NatsPublisher<E extends object> extends DeadlinePublisher<E> {
  /** The stream is ensured once per connection; `true` once it is. */
  private readonly streamReady = new WeakMap<NatsSession, Promise<void> | true>();
  private readonly subjects: string[];
  private readonly subjectByRoutingKey = new Map<string, string>();
  private readonly connection: NatsConnection;
  private readonly config: NatsConfig;
  private readonly logger: MessagingLogger;

  constructor(
    connection: NatsConnection,
    catalog: EventCatalog<E>,
    config: NatsConfig,
    logger: MessagingLogger,
  ) {
    super(catalog, config.publishTimeoutMs);
    this.connection = connection;
    this.config = config;
    this.logger = logger;
    this.subjects = catalogSubjects(config, catalog);
  }

  protected async send(outgoing: OutgoingMessage, deadline: number): Promise<void> {
    try {
      await this.sendUntil(outgoing, deadline);
    } catch (error) {
      throw this.failure(error, outgoing);
    }
  }

  /** Every step is bounded by what is left until `deadline`, so no timer of its own is needed. */
  private async sendUntil({ routingKey, message, envelope }: OutgoingMessage, deadline: number): Promise<void> {
    const subject = this.subject(routingKey);
    for (let attempt = 1; ; attempt++) {
      const session = await this.connection.get(Math.max(0, deadline - Date.now()));
      try {
        const ready = this.streamReady.get(session);
        if (ready !== true) await withinDeadline(ready ?? this.ensureStream(session), deadline, () => new NatsError('timeout', ErrorCode.Timeout));
        await publishAcked(session.js, subject, message, { msgID: envelope.messageId, stream: this.config.stream, timeoutMs: deadline - Date.now() });
        return;
      } catch (error) {
        const lost = session.client.isClosed() && isConnectionFailure(error);
        // The stream was deleted under a live connection: create it again, once.
        const streamGone = isNoResponders(error) && attempt === 1;
        if (streamGone) this.streamReady.delete(session);
        if ((!lost && !streamGone) || Date.now() >= deadline) throw error;
        this.logger.warn('Publishing again after a lost connection or stream; JetStream drops the duplicate if the first one landed', {
          messageId: envelope.messageId,
          attempt,
        });
      }
    }
  }

  private subject(routingKey: string): string {
    let subject = this.subjectByRoutingKey.get(routingKey);
    if (subject === undefined) {
      subject = eventSubject(this.config, routingKey);
      this.subjectByRoutingKey.set(routingKey, subject);
    }
    return subject;
  }

  private ensureStream(session: NatsSession): Promise<void> {
    const ready = ensureStreams(session.jsm, this.config, this.subjects).then(
      () => void this.streamReady.set(session, true),
      (error: unknown) => {
        this.streamReady.delete(session);
        throw error;
      },
    );
    this.streamReady.set(session, ready);
    return ready;
  }

  /** Errors that mean "no acknowledgement in time" become one clear `BrokerUnavailableError`. */
  private failure(error: unknown, { envelope }: OutgoingMessage): unknown {
    const timedOut = error instanceof BrokerUnavailableError || (error instanceof NatsError && (error.code === ErrorCode.Timeout || isConnectionFailure(error)));
    if (!timedOut) return error;
    const detail = `${envelope.eventType} ${envelope.messageId} was not confirmed within ${this.config.publishTimeoutMs} ms`;
    if (this.connection.isConnected) return new BrokerUnavailableError(`${detail} (${describeError(error)})`, { cause: error });
    const unreachable = this.connection.unavailable(this.config.publishTimeoutMs);
    return new BrokerUnavailableError(`${detail}: ${unreachable.message}`, { cause: unreachable.cause ?? error });
  }
}
