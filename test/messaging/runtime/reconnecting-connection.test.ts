import { afterEach, describe, expect, it } from 'vitest';
import { BrokerUnavailableError, MessagingClosedError } from '../../../templates/messaging/runtime/messaging/shared/errors.js';
import type { MessagingLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';
import { ReconnectingConnection } from '../../../templates/messaging/runtime/messaging/shared/reconnecting-connection.js';

interface FakeClient {
  id: number;
  disposed: boolean;
}

/** Opens fake clients, failing the first `failures` attempts; `drop()` loses the current one as a broker restart would. */
class FakeConnection extends ReconnectingConnection<FakeClient> {
  opened: FakeClient[] = [];
  attempts = 0;
  readonly warnings: string[];

  constructor(private failures: number) {
    const warnings: string[] = [];
    const logger: MessagingLogger = { warn: (message) => void warnings.push(message), error: () => {} };
    super({ connectTimeoutMs: 500, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } }, logger, { name: 'Fake', address: 'fake://host' });
    this.warnings = warnings;
  }

  protected async open(): Promise<FakeClient> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(`refused ${this.attempts}`);
    }
    const client = { id: this.opened.length + 1, disposed: false };
    this.opened.push(client);
    return client;
  }

  protected async dispose(client: FakeClient): Promise<void> {
    client.disposed = true;
  }

  drop(): void {
    const client = this.opened.at(-1);
    if (client !== undefined) this.lost(client);
  }
}

describe('ReconnectingConnection', () => {
  let connection: FakeConnection;
  afterEach(() => connection.close());

  it('keeps trying with backoff until the broker answers, then hands out the one connection', async () => {
    connection = new FakeConnection(3);
    const [first, second] = await Promise.all([connection.get(), connection.get()]);
    expect(first).toBe(second);
    expect(connection.attempts).toBe(4);
    expect(connection.isConnected).toBe(true);
  });

  it('names the broker and the last failure when it gives up waiting', async () => {
    connection = new FakeConnection(1_000);
    const error = await connection.get(60).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect((error as Error).message).toMatch(/^Fake at fake:\/\/host is unreachable after 60 ms \(Error: refused \d+\)$/);
  });

  it('opens a new connection when the current one is lost, and says so', async () => {
    connection = new FakeConnection(0);
    const first = await connection.get();
    connection.drop();
    expect(connection.isConnected).toBe(false);
    const second = await connection.get();
    expect(second).not.toBe(first);
    expect(connection.warnings).toEqual(['Fake connection to fake://host lost; reconnecting']);
  });

  it('disposes of the connection on close and refuses to hand out another', async () => {
    connection = new FakeConnection(0);
    const client = await connection.get();
    await connection.close();
    expect(client.disposed).toBe(true);
    await expect(connection.get()).rejects.toThrow(MessagingClosedError);
  });
});
