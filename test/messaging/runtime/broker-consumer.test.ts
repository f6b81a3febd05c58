import { describe, expect, it } from 'vitest';
import { probeCatalog, type ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { BrokerConsumer } from '../../../templates/messaging/runtime/messaging/shared/broker-consumer.js';
import { EventHandlers } from '../../../templates/messaging/runtime/messaging/shared/event-handlers.js';
import { silentLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';

/** A consumer whose attaching waits for the test: each `startHandling` call is one pending step the test settles. */
class ScriptedConsumer extends BrokerConsumer<ProbeEvent, string, { name: string }> {
  readonly steps: string[] = [];
  readonly stopDeadlines: number[] = [];
  private attaching: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor() {
    super('connection', { name: 'config' }, { group: 'scripted', handlers: new EventHandlers(probeCatalog) }, silentLogger);
  }

  protected startHandling(): Promise<void> {
    this.steps.push(`start (running: ${this.running})`);
    return new Promise((resolve, reject) => {
      this.attaching = { resolve, reject };
    });
  }

  protected async stopHandling(deadline: number): Promise<void> {
    this.steps.push(`stop (running: ${this.running})`);
    this.stopDeadlines.push(deadline);
  }

  attached(): void {
    this.attaching?.resolve();
  }

  failAttaching(): void {
    this.attaching?.reject(new Error('broker refused'));
  }

  get isRunning(): boolean {
    return this.running;
  }

  get builtFrom(): unknown[] {
    return [this.connection, this.config, this.options.group, this.logger];
  }
}

describe('BrokerConsumer', () => {
  it('keeps what the adapter built it from', () => {
    expect(new ScriptedConsumer().builtFrom).toEqual(['connection', { name: 'config' }, 'scripted', silentLogger]);
  });

  it('starts handling once, however often start() is called', async () => {
    const consumer = new ScriptedConsumer();
    const first = consumer.start();
    const second = consumer.start();
    consumer.attached();
    await Promise.all([first, second]);
    await consumer.start();
    expect(consumer.steps).toEqual(['start (running: true)']);
    expect(consumer.isRunning).toBe(true);
  });

  it('is idle again after a failed start, so it can be started again', async () => {
    const consumer = new ScriptedConsumer();
    const failing = consumer.start();
    consumer.failAttaching();
    await expect(failing).rejects.toThrow('broker refused');
    expect(consumer.isRunning).toBe(false);
    const retried = consumer.start();
    consumer.attached();
    await retried;
    expect(consumer.steps).toEqual(['start (running: true)', 'start (running: true)']);
    expect(consumer.isRunning).toBe(true);
  });

  it('stops handling once, with one deadline, and gives every caller of stop() one promise', async () => {
    const consumer = new ScriptedConsumer();
    const starting = consumer.start();
    consumer.attached();
    await starting;
    const before = Date.now();
    const stopping = consumer.stop({ timeoutMs: 1_000 });
    expect(consumer.stop({ timeoutMs: 50 })).toBe(stopping);
    await stopping;
    expect(consumer.steps).toEqual(['start (running: true)', 'stop (running: false)']);
    expect(consumer.stopDeadlines).toHaveLength(1);
    expect(consumer.stopDeadlines[0]).toBeGreaterThanOrEqual(before + 1_000);
    expect(consumer.isRunning).toBe(false);
  });

  it('has nothing to stop when it never started, and does not start once stopped', async () => {
    const consumer = new ScriptedConsumer();
    await consumer.stop();
    await consumer.start();
    expect(consumer.steps).toEqual([]);
  });

  it('stays stopped when a start that stop() interrupted fails', async () => {
    const consumer = new ScriptedConsumer();
    const starting = consumer.start();
    await consumer.stop();
    consumer.failAttaching();
    await expect(starting).rejects.toThrow('broker refused');
    await consumer.start();
    expect(consumer.steps).toEqual(['start (running: true)', 'stop (running: false)']);
    expect(consumer.isRunning).toBe(false);
  });
});
