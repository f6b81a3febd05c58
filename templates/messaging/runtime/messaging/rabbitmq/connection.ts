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

/**
 * One AMQP connection, re-established in the background whenever it drops (capped exponential backoff).
 * Channels do not survive a reconnection: publishers and consumers open new ones through `get()`.
 */
export class RabbitConnection extends ReconnectingConnection<ChannelModel> {
  constructor(
    private readonly config: Pick<RabbitMqConfig, 'url' | 'connectTimeoutMs' | 'reconnect'>,
    logger: MessagingLogger,
    private readonly connectionName = 'infragen-messaging',
  ) {
    super(config, logger, { name: 'RabbitMQ', address: redactUrl(config.url) });
  }

  protected async open(): Promise<ChannelModel> {
    const connection = await connect(this.config.url, {
      timeout: this.config.connectTimeoutMs,
      clientProperties: { connection_name: this.connectionName },
    });
    // Without an 'error' listener a broker-side close would crash the process.
    connection.on('error', (error: Error) => this.logger.warn('RabbitMQ connection error', { error: describeError(error) }));
    connection.on('close', () => this.lost(connection));
    return connection;
  }

  protected async dispose(connection: ChannelModel): Promise<void> {
    await connection.close().catch((error: unknown) => this.logger.warn('Closing the connection failed', { error }));
  }
}
