// Shutdown under pressure: concurrent calls, a hung handler, a cut connection. Every wait has a deadline.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { publishAll, range, waitFor } from './acceptance-steps.js';
import { probe } from './probe-events.js';
import type { SuiteContext } from './suite-context.js';

/** Resolves with how long `task` took; fails the scenario if it takes longer than `limitMs`. */
async function timed(task: Promise<unknown>, limitMs: number, what: string): Promise<number> {
  const startedAt = Date.now();
  const outcome = await Promise.race([task.then(() => 'done'), sleep(limitMs, 'timeout')]);
  if (outcome === 'timeout') throw new Error(`${what} did not finish within ${limitMs} ms`);
  return Date.now() - startedAt;
}

const never = new Promise<never>(() => {});
/** How long a broker round trip may take on a loaded machine: a bound on liveness only, never a measure of speed. */
const handOffLivenessMs = 20_000;

export function defineShutdownScenarios({ open, consume }: SuiteContext): void {
  it('gives every caller of stop() the same promise, settled only once the handlers in flight have finished', async () => {
    const broker = await open({ prefetch: 5 });
    const started = new Set<number>();
    const finished = new Set<number>();
    const consumer = await consume(broker, 'concurrent-stop', async (event) => {
      started.add(event.sequence);
      await sleep(300);
      finished.add(event.sequence);
    });
    await publishAll(broker, range(5).map((sequence) => probe(sequence)));
    await waitFor(() => started.size >= 3, 'handlers in flight');
    const unfinishedAt: Record<string, number> = {};
    const note = (caller: string) => () => void (unfinishedAt[caller] = [...started].filter((sequence) => !finished.has(sequence)).length);
    const first = consumer.stop();
    const second = consumer.stop();
    expect(second).toBe(first);
    await timed(Promise.all([first.then(note('first stop')), second.then(note('second stop')), broker.broker.close().then(note('close'))]), 10_000, 'stop() and close()');
    expect(unfinishedAt).toEqual({ 'first stop': 0, 'second stop': 0, close: 0 });
  }, 30_000);

  it('hands back the events it prefetched but did not start instead of working through them', async () => {
    const broker = await open({ prefetch: 10 });
    const started: number[] = [];
    const handled: number[] = [];
    let finishFirst = () => {};
    const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
    const consumer = await consume(broker, 'hand-back', async (event) => {
      started.push(event.sequence);
      await firstMayFinish;
      handled.push(event.sequence);
    });
    // One aggregate: its events run one at a time, so the rest of the window waits behind the first.
    await publishAll(broker, range(10).map((sequence) => probe(sequence, 'one-aggregate')));
    await waitFor(() => started.length >= 1, 'the first event under way', handOffLivenessMs);
    const stopping = consumer.stop();
    finishFirst();
    await timed(stopping, handOffLivenessMs, 'stop()');
    // Exactly the one under way when stop() was called (not necessarily event 0: publishAll sends its events at once).
    const handledBefore = [...handled];
    expect(handledBefore).toHaveLength(1);
    expect(started).toEqual(handledBefore);
    const afterRestart: number[] = [];
    await consume(broker, 'hand-back', (event) => void afterRestart.push(event.sequence));
    await waitFor(() => handledBefore.length + afterRestart.length >= 10, 'the events handed back', handOffLivenessMs);
    await sleep(300);
    expect([...handledBefore, ...afterRestart].sort((a, b) => a - b)).toEqual(range(10));
  }, 40_000);

  it('stops within its deadline when a handler hangs, and the hung event is delivered again', async () => {
    const broker = await open({ prefetch: 5 });
    const firstRun: number[] = [];
    const consumer = await consume(broker, 'hung', async (event) => {
      firstRun.push(event.sequence);
      if (event.sequence === 0) await never;
    });
    // The others first: on Kafka a hung handler holds back its whole fetch.
    await publishAll(broker, range(3, 1).map((sequence) => probe(sequence)));
    await waitFor(() => firstRun.length >= 3, 'the other events');
    await publishAll(broker, [probe(0)]);
    await waitFor(() => firstRun.includes(0), 'the event whose handler hangs');
    const tookMs = await timed(consumer.stop({ timeoutMs: 1_000 }), 5_000, 'stop() with a hung handler');
    expect(tookMs).toBeGreaterThanOrEqual(900);
    const secondRun: number[] = [];
    await consume(broker, 'hung', (event) => void secondRun.push(event.sequence));
    await waitFor(() => secondRun.includes(0), 'the hung event, delivered again', 25_000);
    await timed(broker.broker.close({ timeoutMs: 1_000 }), 5_000, 'close() with a hung handler');
  }, 40_000);

  it('never consumes again once stopped while it re-attaches after a lost connection', async (context) => {
    const broker = await open({ prefetch: 5 });
    if (broker.cutConnections === undefined) return context.skip();
    const handled: number[] = [];
    const witnessed = new Set<number>();
    const consumer = await consume(broker, 'stopped-while-reattaching', (event) => void handled.push(event.sequence));
    // A consumer of another group, left running: once it has the events, the connection is certainly back.
    await consume(broker, 'witness', (event) => void witnessed.add(event.sequence));
    await broker.cutConnections();
    // The consumer notices the lost connection and starts re-attaching, waiting for the next one.
    await sleep(100);
    await timed(consumer.stop(), 10_000, 'stop() after a lost connection');
    const publishedAt = Date.now();
    await publishAll(broker, range(20).map((sequence) => probe(sequence)));
    await waitFor(() => witnessed.size >= 20, 'the events, by a consumer re-attached after the cut', handOffLivenessMs);
    // As long again as the witness took (3 s at least), for a wrongly re-attached consumer to receive them too.
    await sleep(Math.max(3_000, Date.now() - publishedAt));
    expect(handled).toEqual([]);
  }, 60_000);

  it('stops and closes within their deadline, racing, right after the connection is cut', async (context) => {
    const broker = await open({ prefetch: 10 });
    if (broker.cutConnections === undefined) return context.skip();
    const started = new Set<number>();
    const consumer = await consume(broker, 'cut-then-stop', async (event) => {
      started.add(event.sequence);
      await sleep(100);
    });
    const publisher = broker.broker.publisher();
    await publishAll(broker, range(30).map((sequence) => probe(sequence)));
    await waitFor(() => started.size >= 3, 'handlers in flight');
    await broker.cutConnections();
    const publishing = publisher.publish(probe(99)).catch(() => undefined);
    await timed(Promise.all([consumer.stop({ timeoutMs: 2_000 }), broker.broker.close({ timeoutMs: 2_000 }), consumer.stop(), publishing]), 8_000, 'stop() and close() after a cut');
  }, 30_000);
}
