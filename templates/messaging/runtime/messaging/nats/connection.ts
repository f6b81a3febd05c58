import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection as NatsClient } from 'nats';
import { describeError } from '../shared/errors.js';
import type { MessagingLogger } from '../shared/logger.js';
import { ReconnectingConnection } from '../shared/reconnecting-connection.js';
import type { NatsConfig } from './config.js';

/** The URLs with their passwords and tokens hidden, for messages. */
export function redactServers(servers: readonly string[]): string {
  return servers
    .map((server) => {
      try {
        const parsed = new URL(server.includes('://') ? server : `nats://${server}`);
        if (parsed.password !== '') parsed.password = '***';
        else if (parsed.username !== '') parsed.username = '***';
        return parsed.toString().replace(/\/$/, '');
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        return '(unparseable NATS URL)';
      }
    })
    .join(', ');
}

/** One live connection with its JetStream contexts. Replaced as a whole when the connection drops. */
export interface NatsSession {
  readonly client: NatsClient;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Whether the server can filter a consumer on several subjects (NATS 2.10+). */
  readonly multipleFilters: boolean;
  /** Resolves when this connection is gone for good. */
  readonly closed: Promise<void>;
}

function supportsMultipleFilters(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * One NATS connection, replaced in the background whenever it drops (capped exponential backoff). The
 * client's own reconnection is off on purpose: a new connection is a clean slate, and publishers and
 * consumers re-establish what they need on it (stream, durable consumers, pull requests) through `get()`.
 */
export class NatsConnection extends ReconnectingConnection<NatsSession> {
  private readonly config: Pick<NatsConfig, 'servers' | 'auth' | 'connectTimeoutMs' | 'reconnect' | 'pingIntervalMs'>;
  private readonly connectionName: string;

  constructor(
    config: Pick<NatsConfig, 'servers' | 'auth' | 'connectTimeoutMs' | 'reconnect' | 'pingIntervalMs'>,
    logger: MessagingLogger,
    connectionName = 'infragen-messaging',
  ) {
    super(config, logger, { name: 'NATS', address: redactServers(config.servers) });
    this.config = config;
    this.connectionName = connectionName;
  }

  protected async open(): Promise<NatsSession> {
    let client: NatsClient | undefined;
    try {
      client = await connect({
        servers: this.config.servers,
        name: this.connectionName,
        timeout: this.config.connectTimeoutMs,
        reconnect: false,
        pingInterval: this.config.pingIntervalMs,
        maxPingOut: 3,
        ...this.config.auth,
      });
      // Fails clearly when the server runs without JetStream.
      const jsm = await client.jetstreamManager();
      const session: NatsSession = {
        client,
        js: client.jetstream(),
        jsm,
        multipleFilters: supportsMultipleFilters(client.info?.version),
        closed: client.closed().then(() => undefined),
      };
      void session.closed.then(() => this.lost(session));
      return session;
    } catch (error) {
      await client?.close().catch(() => undefined);
      throw error;
    }
  }

  protected override isOpen(session: NatsSession): boolean {
    return !session.client.isClosed();
  }

  /** Sends what is buffered (acks, publishes) and closes the connection. */
  protected async dispose(session: NatsSession): Promise<void> {
    await session.client.drain().catch(async (error: unknown) => {
      this.logger.warn('Draining the NATS connection failed; closing it', { error: describeError(error) });
      await session.client.close();
    });
  }
}
