import { connect, type ChannelModel } from 'amqplib';
import { describeError } from '../shared/errors.js';
import type { MessagingLogger } from '../shared/logger.js';
import { ReconnectingConnection } from '../shared/reconnecting-connection.js';
import type { RabbitMqConfig } from './config.js';

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return '(unparseable AMQP URL)';
  }
}

/** The URL with an explicit heartbeat, unless it sets one itself: a dead peer is then noticed within two intervals. */
export function withHeartbeat(url: string, heartbeatSeconds: number): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(heartbeatSeconds));
    return parsed.toString();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return url;
  }
}

/**
 * One AMQP connection, re-established in the background whenever it drops (capped exponential backoff).
 * Channels do not survive a reconnection: publishers and consumers open new ones through `get()`.
 */
export class RabbitConnection extends ReconnectingConnection<ChannelModel> {
  private blocked: { reason: string; resumed: Promise<void> } | undefined;
  private resume: (() => void) | undefined;
  private readonly config: Pick<RabbitMqConfig, 'url' | 'connectTimeoutMs' | 'reconnect' | 'heartbeatSeconds'>;
  private readonly connectionName: string;

  constructor(
    config: Pick<RabbitMqConfig, 'url' | 'connectTimeoutMs' | 'reconnect' | 'heartbeatSeconds'>,
    logger: MessagingLogger,
    connectionName = 'infragen-messaging',
  ) {
    super(config, logger, { name: 'RabbitMQ', address: redactUrl(config.url) });
    this.config = config;
    this.connectionName = connectionName;
  }

  protected async open(): Promise<ChannelModel> {
    const connection = await connect(withHeartbeat(this.config.url, this.config.heartbeatSeconds), {
      timeout: this.config.connectTimeoutMs,
      // Without it, Nagle holds a publish written while a consumer's basic.ack is unacknowledged by TCP, and the
      // server acknowledges that ack (which it never answers) only after its delayed-ACK timer: ~40 ms per publish.
      noDelay: true,
      clientProperties: { connection_name: this.connectionName },
    });
    // Without an 'error' listener a broker-side close would crash the process.
    connection.on('error', (error: Error) => this.logger.warn('RabbitMQ connection error', { error: describeError(error) }));
    connection.on('close', () => {
      this.unblock();
      this.lost(connection);
    });
    // The server stops reading from publishers when it runs low on memory or disk: publishes wait until it resumes.
    connection.on('blocked', (reason: string) => {
      this.logger.warn('RabbitMQ blocked the connection; publishes wait', { reason });
      this.blocked ??= { reason, resumed: new Promise((resolve) => (this.resume = resolve)) };
    });
    connection.on('unblocked', () => this.unblock());
    return connection;
  }

  /** Resolves at once, or once RabbitMQ unblocks the connection; `blockedReason` says why it waits. */
  async whenUnblocked(): Promise<void> {
    await this.blocked?.resumed;
  }

  get blockedReason(): string | undefined {
    return this.blocked?.reason;
  }

  private unblock(): void {
    this.blocked = undefined;
    this.resume?.();
    this.resume = undefined;
  }

  protected async dispose(connection: ChannelModel): Promise<void> {
    await connection.close().catch((error: unknown) => this.logger.warn('Closing the connection failed', { error }));
  }
}
