// A message that kills its consumer process every time must not be redelivered forever, nor dropped silently.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { fastRetry, publishAll, spawnConsumerWorker } from './acceptance-steps.js';
import { probe } from './probe-events.js';
import type { SuiteContext } from './suite-context.js';

export function definePoisonScenarios({ harness, open, children }: SuiteContext): void {
  it.runIf(harness.workerModule !== undefined && harness.countsDeliveries === true)(
    'dead-letters an event that kills its consumer every time after maxAttempts deliveries, with a log line',
    async () => {
      const broker = await open({ prefetch: 1 });
      const directory = mkdtempSync(path.join(os.tmpdir(), 'messaging-poison-'));
      const output = path.join(directory, 'handled.txt');
      const env = { ...broker.workerEnv?.('poison'), WORKER_MODULE: harness.workerModule, WORKER_GROUP: 'poison', WORKER_OUTPUT: output, WORKER_CRASH_ON: '0' };
      const logs: string[] = [];
      const startWorker = async () => {
        const worker = spawnConsumerWorker(env);
        children.push(worker.child);
        const exited = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
        // The poison message may arrive, and kill it, before it says it is ready.
        await worker.ready.catch(() => undefined);
        return { ...worker, exited };
      };
      try {
        let worker = await startWorker();
        await publishAll(broker, [probe(0), probe(1)]);
        let crashes = 0;
        const deadline = Date.now() + 60_000;
        while ((await broker.deadLetters('poison')).length === 0) {
          if (Date.now() > deadline) throw new Error(`No dead letter after ${crashes} crashes`);
          const exited = await Promise.race([worker.exited.then(() => true), sleep(200, false)]);
          if (!exited) continue;
          crashes++;
          logs.push(worker.output());
          worker = await startWorker();
        }
        const [letter, ...others] = await broker.deadLetters('poison');
        expect(others).toEqual([]);
        expect(letter).toMatchObject({ group: 'poison', reason: 'exhausted', attempts: fastRetry.maxAttempts });
        expect(letter?.error).toMatch(/never settled|without being settled/);
        expect(crashes).toBe(fastRetry.maxAttempts);
        const deadline1 = Date.now() + 20_000;
        const handled = () => (existsSync(output) ? readFileSync(output, 'utf8').split('\n').filter(Boolean) : []);
        while (!handled().includes('1') && Date.now() < deadline1) await sleep(50);
        expect(handled()).toEqual(['1']);
        expect(worker.output()).toMatch(/log: error .*never settled/);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    120_000,
  );
}
