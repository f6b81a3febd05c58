import { backoffDelayMs, type Backoff } from './backoff.js';
import { BrokerUnavailableError, describeError, MessagingClosedError } from './errors.js';
import type { MessagingLogger } from './logger.js';

export interface ReconnectSettings {
  /** How long to wait for a connection before an operation fails. */
  connectTimeoutMs: number;
  /** Backoff between reconnection attempts. */
  reconnect: Backoff;
}

/** How a broker is named in messages: `RabbitMQ at amqp://…`. */
export interface BrokerDescription {
  name: string;
  /** The address with its secrets hidden. */
  address: string;
}

/**
 * One connection to a broker, re-established in the background whenever it drops, with capped exponential
 * backoff. Adapters say how to open and close one (`open`, `dispose`) and report a drop through `lost`;
 * publishers and consumers re-establish what they need on the new connection through `get()`.
 */
export abstract class ReconnectingConnection<C> {
  private current: C | undefined;
  private connecting = false;
  private closed = false;
  private lastError: unknown;
  private readonly waiters = new Set<() => void>();
  private backoffTimer: NodeJS.Timeout | undefined;
  private readonly settings: ReconnectSettings;
  protected readonly logger: MessagingLogger;
  private readonly broker: BrokerDescription;

  protected constructor(
    settings: ReconnectSettings,
    logger: MessagingLogger,
    broker: BrokerDescription,
  ) {
    this.settings = settings;
    this.logger = logger;
    this.broker = broker;
  }

  /** Opens one connection; it must call `lost(connection)` once it closes. */
  protected abstract open(): Promise<C>;
  protected abstract dispose(connection: C): Promise<void>;
  /** Whether a connection not yet reported lost still works. */
  protected isOpen(_connection: C): boolean {
    return true;
  }

  /** The open connection, waiting for (re)connection up to `timeoutMs`; then a `BrokerUnavailableError`. */
  async get(timeoutMs = this.settings.connectTimeoutMs): Promise<C> {
    if (this.closed) throw this.closedError();
    if (this.current !== undefined && this.isOpen(this.current)) return this.current;
    this.startConnecting();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(this.unavailable(timeoutMs));
      }, Math.max(0, timeoutMs));
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(wake);
    });
    if (this.current === undefined) throw this.closedError();
    return this.current;
  }

  get isConnected(): boolean {
    return this.current !== undefined && this.isOpen(this.current);
  }

  unavailable(waitedMs: number): BrokerUnavailableError {
    const cause = this.lastError === undefined ? 'no answer yet' : describeError(this.lastError);
    return new BrokerUnavailableError(`${this.broker.name} at ${this.broker.address} is unreachable after ${waitedMs} ms (${cause})`, { cause: this.lastError });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.backoffTimer);
    this.wakeAll();
    const connection = this.current;
    this.current = undefined;
    if (connection !== undefined && this.isOpen(connection)) await this.dispose(connection);
  }

  /** Called by the adapter when `connection` closes: unless it was closed on purpose, a new one is opened. */
  protected lost(connection: C): void {
    if (this.current !== connection) return;
    this.current = undefined;
    if (this.closed) return;
    this.logger.warn(`${this.broker.name} connection to ${this.broker.address} lost; reconnecting`);
    this.startConnecting();
  }

  private closedError(): MessagingClosedError {
    return new MessagingClosedError(`The ${this.broker.name} connection is closed`);
  }

  private startConnecting(): void {
    if (this.connecting || this.closed) return;
    this.connecting = true;
    void this.connectWithBackoff(1);
  }

  private async connectWithBackoff(attempt: number): Promise<void> {
    try {
      const connection = await this.open();
      this.connecting = false;
      if (this.closed) {
        await this.dispose(connection);
        return;
      }
      this.current = connection;
      this.lastError = undefined;
      this.wakeAll();
    } catch (error) {
      this.lastError = error;
      if (this.closed) {
        this.connecting = false;
        return;
      }
      this.backoffTimer = setTimeout(() => void this.connectWithBackoff(attempt + 1), backoffDelayMs(attempt, this.settings.reconnect));
      // Reconnecting alone must not keep a process alive that has nothing else to do.
      this.backoffTimer.unref();
    }
  }

  private wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
