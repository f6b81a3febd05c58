// What each broker promises about the order of one aggregate's events (see the README's table).
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { publishAll, range, waitFor } from './acceptance-steps.js';
import { probe } from './probe-events.js';
import type { SuiteContext } from './suite-context.js';

export function defineOrderingScenarios({ harness, open, consume }: SuiteContext): void {
  it('keeps the order of the events of one aggregate', async () => {
    const broker = await open({ prefetch: 20 });
    const seen = new Map<string, number[]>();
    await consume(broker, 'ordered', async (event) => {
      await sleep(event.sequence % 3);
      seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.sequence]);
    });
    const publisher = broker.broker.publisher();
    for (const sequence of range(250)) await publisher.publish(probe(sequence, `aggregate-${sequence % 5}`));
    await waitFor(() => [...seen.values()].flat().length >= 250, '250 events');
    for (const sequences of seen.values()) expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(seen.size).toBe(5);
  }, 60_000);

  it.runIf(harness.keepsKeyOrderUnderRetries === true)('keeps the order of an aggregate through retries and with two consumers', async () => {
    const broker = await open({ prefetch: 5 });
    const seen = new Map<string, number[]>();
    const failedOnce = new Set<number>();
    for (const _ of range(2)) {
      await consume(broker, 'ordered-retried', (event) => {
        if (event.sequence % 7 === 0 && !failedOnce.has(event.sequence)) {
          failedOnce.add(event.sequence);
          throw new Error(`first attempt of ${event.sequence}`);
        }
        seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.sequence]);
      });
    }
    await publishAll(broker, range(100).map((sequence) => probe(sequence, `aggregate-${sequence % 5}`)), 1);
    await waitFor(() => new Set([...seen.values()].flat()).size >= 100, '100 events', 40_000);
    for (const sequences of seen.values()) expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  }, 60_000);
}
