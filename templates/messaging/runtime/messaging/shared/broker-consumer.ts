import type { MessagingLogger } from './logger.js';
import type { ConsumerOptions, MessageConsumer } from './ports.js';
import { shutdownDeadline, type ShutdownOptions } from './shutdown.js';

/** Where a consumer is in its life: `start()` moves it from idle to running, `stop()` on to stopped. */
type ConsumerState = 'idle' | 'running' | 'stopping' | 'stopped';

/**
 * What every broker adapter's consumer shares: what it is built from, and its life. `start()` attaches once
 * (a failed start leaves it idle, to be started again, unless `stop()` came meanwhile); `stop()` stops it once,
 * by one deadline, however often it is called. An adapter says how to start and stop handling; its other
 * steps check `running`, since `stop()` may come while they wait for the broker.
 */
export abstract class BrokerConsumer<E extends object, Connection, Config> implements MessageConsumer {
  private state: ConsumerState = 'idle';
  private stopping: Promise<void> | undefined;
  protected readonly connection: Connection;
  protected readonly config: Config;
  protected readonly options: ConsumerOptions<E>;
  protected readonly logger: MessagingLogger;

  protected constructor(connection: Connection, config: Config, options: ConsumerOptions<E>, logger: MessagingLogger) {
    this.connection = connection;
    this.config = config;
    this.options = options;
    this.logger = logger;
  }

  /** Declares what the group needs on the broker and starts handling; resolves once the consumer receives messages. */
  protected abstract startHandling(): Promise<void>;
  /** Stops taking messages and lets the handlers in flight finish, by `deadline`; called only on a consumer that was running. */
  protected abstract stopHandling(deadline: number): Promise<void>;

  protected get running(): boolean {
    return this.state === 'running';
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'running';
    try {
      await this.startHandling();
    } catch (error) {
      if (this.state === 'running') this.state = 'idle';
      throw error;
    }
  }

  stop(options?: ShutdownOptions): Promise<void> {
    this.stopping ??= this.stopBy(shutdownDeadline(options));
    return this.stopping;
  }

  private async stopBy(deadline: number): Promise<void> {
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    try {
      if (wasRunning) await this.stopHandling(deadline);
    } finally {
      this.state = 'stopped';
    }
  }
}
