// The broker-agnostic acceptance suite: every adapter must pass it unchanged.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEnvelope } from '../messaging/shared/envelope.js';
import { BrokerUnavailableError } from '../messaging/shared/errors.js';
import { EventHandlers, type EventHandler } from '../messaging/shared/event-handlers.js';
import type { MessageConsumer } from '../messaging/shared/ports.js';
import { fastRetry, publishAll, range, spawnConsumerWorker, waitFor } from './acceptance-steps.js';
import type { BrokerHarness, HarnessBroker, HarnessSettings } from './harness.js';
import { probe, probeCatalog, ProbeEvent } from './probe-events.js';
import { defineErrorScenarios } from './error-scenarios.js';
import { defineOrderingScenarios } from './ordering-scenarios.js';
import { definePoisonScenarios } from './poison-scenarios.js';
import { defineShutdownScenarios } from './shutdown-scenarios.js';
import type { SuiteContext } from './suite-context.js';

/**
 * How long a consumer in a process of its own may take to work through a few thousand events on a loaded
 * machine (a Kafka worker handles each partition's records one by one, heartbeating between them): a bound on
 * liveness only, never a measure of speed.
 */
const workerLivenessMs = 60_000;

export function defineAcceptanceSuite(harness: BrokerHarness, available: boolean): void {
  describe.runIf(available)(`messaging acceptance: ${harness.name}`, () => {
    const opened: HarnessBroker[] = [];
    const children: ChildProcess[] = [];

    async function open(settings: Partial<HarnessSettings> = {}): Promise<HarnessBroker> {
      const broker = await harness.create({ retry: fastRetry, ...settings });
      opened.push(broker);
      return broker;
    }

    async function consume(broker: HarnessBroker, group: string, handler: EventHandler<ProbeEvent>): Promise<MessageConsumer> {
      const consumer = broker.broker.consumer({ group, handlers: new EventHandlers(probeCatalog).subscribe(ProbeEvent, handler) });
      await consumer.start();
      return consumer;
    }

    const context: SuiteContext = { harness, open, consume, children };

    afterEach(async () => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      for (const broker of opened.splice(0)) await broker.dispose();
    });

    it('delivers 1,000 events exactly once to one subscriber, payloads intact', async () => {
      const broker = await open();
      const received: ProbeEvent[] = [];
      await consume(broker, 'single', (event) => void received.push(event));
      const events = range(1_000).map((sequence) => probe(sequence));
      await publishAll(broker, events);
      await waitFor(() => received.length >= 1_000, '1,000 events');
      await sleep(300);
      expect(received).toHaveLength(1_000);
      expect([...received].sort((a, b) => a.sequence - b.sequence)).toEqual(events);
    }, 60_000);

    it('shares the work of one group between its consumers, none twice', async () => {
      const broker = await open({ prefetch: 5 });
      const byConsumer: number[][] = [[], []];
      for (const handled of byConsumer) {
        await consume(broker, 'workers', async (event) => {
          await sleep(2);
          handled.push(event.sequence);
        });
      }
      await publishAll(broker, range(200).map((sequence) => probe(sequence)));
      await waitFor(() => byConsumer.flat().length >= 200, '200 events');
      await sleep(200);
      const all = byConsumer.flat();
      expect(all).toHaveLength(200);
      expect(new Set(all).size).toBe(200);
      for (const handled of byConsumer) expect(handled.length).toBeGreaterThan(0);
    }, 60_000);

    it('delivers every event to each independent subscriber', async () => {
      const broker = await open();
      const groups = { billing: [] as number[], shipping: [] as number[] };
      for (const [group, handled] of Object.entries(groups)) await consume(broker, group, (event) => void handled.push(event.sequence));
      await publishAll(broker, range(100).map((sequence) => probe(sequence)));
      await waitFor(() => groups.billing.length >= 100 && groups.shipping.length >= 100, 'both groups');
      await sleep(200);
      for (const handled of Object.values(groups)) expect([...handled].sort((a, b) => a - b)).toEqual(range(100));
    }, 60_000);

    it('retries a failing handler with growing delays until it succeeds', async () => {
      // The second delay is ten times the first, so a stalled machine cannot make the first look longer.
      const broker = await open({ retry: { maxAttempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 5_000 } });
      const attempts: { attempt: number; at: number }[] = [];
      let handled = false;
      await consume(broker, 'flaky', (_event, context) => {
        attempts.push({ attempt: context.attempt, at: Date.now() });
        if (attempts.length <= 2) throw new Error(`failure ${attempts.length}`);
        handled = true;
      });
      await publishAll(broker, [probe(1)]);
      await waitFor(() => handled, 'the third attempt');
      expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = attempts.map((entry) => entry.at) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(90);
      expect(third - second).toBeGreaterThanOrEqual(900);
      expect(third - second).toBeGreaterThan(second - first);
    }, 60_000);

    it('dead-letters an event whose handler keeps failing, with its error and attempts, and keeps consuming', async () => {
      const broker = await open();
      const handled: number[] = [];
      await consume(broker, 'poisoned', (event) => {
        if (event.sequence === 0) throw new Error(`cannot handle ${event.sequence}`);
        handled.push(event.sequence);
      });
      await publishAll(broker, range(10).map((sequence) => probe(sequence)));
      await waitFor(async () => (await broker.deadLetters('poisoned')).length >= 1, 'a dead letter');
      await publishAll(broker, range(5, 10).map((sequence) => probe(sequence)));
      await waitFor(() => handled.length >= 14, 'the other events');
      const [deadLetter, ...others] = await broker.deadLetters('poisoned');
      expect(others).toEqual([]);
      expect(deadLetter).toMatchObject({ group: 'poisoned', eventType: 'probe.happened', reason: 'exhausted', attempts: fastRetry.maxAttempts });
      expect(deadLetter?.error).toContain('cannot handle 0');
    }, 60_000);

    it('dead-letters a malformed message at once', async () => {
      const broker = await open();
      const handled: number[] = [];
      await consume(broker, 'strict', (event) => void handled.push(event.sequence));
      const valid = encodeEnvelope({
        messageId: 'bad-payload',
        eventType: 'probe.happened',
        schemaVersion: 1,
        occurredAt: new Date(),
        correlationId: 'c-1',
        payload: { aggregateId: 'a', sequence: 'one', text: 'x', at: 'yesterday', tags: [] },
      });
      await broker.publishRaw('probe.happened', valid);
      await broker.publishRaw('probe.happened', { body: new TextEncoder().encode('{not json'), headers: { ...valid.headers, 'message-id': 'bad-json' } });
      await publishAll(broker, [probe(7)]);
      await waitFor(async () => (await broker.deadLetters('strict')).length >= 2, 'two dead letters');
      await waitFor(() => handled.length >= 1, 'the valid event');
      const deadLetters = await broker.deadLetters('strict');
      expect(deadLetters.map((letter) => [letter.messageId, letter.reason, letter.attempts])).toEqual([
        ['bad-payload', 'malformed', 0],
        ['bad-json', 'malformed', 0],
      ]);
      expect(deadLetters[0]?.error).toMatch(/"sequence" should be a finite number.*"at" should be an ISO date string/);
      expect(handled).toEqual([7]);
    }, 60_000);

    it.runIf(harness.workerModule !== undefined)('loses nothing when a consumer process is killed mid-stream and restarted', async () => {
      const broker = await open({ prefetch: 10 });
      const directory = mkdtempSync(path.join(os.tmpdir(), 'messaging-worker-'));
      const output = path.join(directory, 'handled.txt');
      const handledLines = () => (existsSync(output) ? readFileSync(output, 'utf8').split('\n').filter(Boolean) : []);
      const startWorker = async (env: Record<string, string> = {}) => {
        const { child, ready } = spawnConsumerWorker({ ...broker.workerEnv?.('crash'), WORKER_MODULE: harness.workerModule, WORKER_GROUP: 'crash', WORKER_OUTPUT: output, WORKER_DELAY_MS: '2', ...env });
        children.push(child);
        await ready;
        return child;
      };
      try {
        // The first worker handles 1,000 events, then its handlers hang: the kill certainly finds it mid-stream.
        const first = await startWorker({ WORKER_HALT_AFTER: '1000' });
        await publishAll(broker, range(5_000).map((sequence) => probe(sequence)), 500);
        await waitFor(() => handledLines().length >= 1_000, '1,000 handled before the kill', workerLivenessMs);
        first.kill('SIGKILL');
        const atKill = new Set(handledLines()).size;
        expect(atKill).toBeLessThanOrEqual(1_000);
        await startWorker();
        await waitFor(() => new Set(handledLines()).size >= 5_000, 'every event after the restart', 2 * workerLivenessMs);
        expect(new Set(handledLines())).toEqual(new Set(range(5_000).map(String)));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }, 4 * workerLivenessMs);

    it('reconnects by itself when the broker drops its connections, losing no confirmed event', async (context) => {
      const broker = await open({ prefetch: 10 });
      if (broker.cutConnections === undefined) return context.skip();
      const handled = new Set<number>();
      await consume(broker, 'resilient', async (event) => {
        await sleep(1);
        handled.add(event.sequence);
      });
      const publisher = broker.broker.publisher();
      const confirmed: number[] = [];
      const failed: number[] = [];
      for (const sequence of range(600)) {
        if (sequence === 200 || sequence === 400) await broker.cutConnections();
        await publisher.publish(probe(sequence)).then(
          () => confirmed.push(sequence),
          () => failed.push(sequence),
        );
      }
      await waitFor(() => confirmed.every((sequence) => handled.has(sequence)), 'every confirmed event handled', 30_000);
      expect(confirmed.filter((sequence) => sequence > 400).length).toBeGreaterThan(150);
      expect(failed.length).toBeLessThan(50);
    }, 90_000);

    it('finishes in-flight handlers on shutdown and redelivers nothing already handled', async () => {
      const broker = await open({ prefetch: 5 });
      const started = new Set<number>();
      const finished = new Set<number>();
      const consumer = await consume(broker, 'graceful', async (event) => {
        started.add(event.sequence);
        await sleep(200);
        finished.add(event.sequence);
      });
      await publishAll(broker, range(20).map((sequence) => probe(sequence)));
      await waitFor(() => started.size >= 3, 'handlers in flight');
      await consumer.stop();
      expect(finished).toEqual(started);
      const handledBefore = new Set(finished);
      expect(handledBefore.size).toBeLessThan(20);
      const afterRestart: number[] = [];
      await consume(broker, 'graceful', (event) => void afterRestart.push(event.sequence));
      await waitFor(() => handledBefore.size + afterRestart.length >= 20, 'the rest of the events');
      await sleep(300);
      expect(afterRestart.filter((sequence) => handledBefore.has(sequence))).toEqual([]);
      expect(new Set([...handledBefore, ...afterRestart])).toEqual(new Set(range(20)));
    }, 60_000);

    it.runIf(harness.createUnreachable !== undefined)('fails to publish to an unreachable broker with a clear error within the timeout', async (context) => {
      if (harness.createUnreachable === undefined) return context.skip();
      const broker = await harness.createUnreachable(1_000);
      try {
        const startedAt = Date.now();
        const error = await broker.publisher().publish(probe(1)).then(() => undefined, (caught: unknown) => caught);
        const elapsed = Date.now() - startedAt;
        expect(error).toBeInstanceOf(BrokerUnavailableError);
        expect((error as Error).message).toMatch(/not confirmed within 1000 ms.*unreachable/);
        expect(elapsed).toBeGreaterThanOrEqual(900);
        expect(elapsed).toBeLessThan(2_500);
      } finally {
        await broker.close();
      }
    }, 30_000);

    defineOrderingScenarios(context);
    defineShutdownScenarios(context);
    defineErrorScenarios(context);
    definePoisonScenarios(context);
  });
}
