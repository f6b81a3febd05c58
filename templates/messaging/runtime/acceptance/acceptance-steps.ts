// The steps the acceptance suite is written in: waiting, publishing in batches, a consumer in another process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { RetryPolicy } from '../messaging/shared/retry-policy.js';
import type { HarnessBroker } from './harness.js';
import type { ProbeEvent } from './probe-events.js';

export const fastRetry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 50, factor: 2, maxDelayMs: 1_000 };
const here = path.dirname(fileURLToPath(import.meta.url));

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export async function publishAll(broker: HarnessBroker, events: readonly ProbeEvent[], batch = 100): Promise<void> {
  const publisher = broker.broker.publisher();
  for (let start = 0; start < events.length; start += batch) {
    await Promise.all(events.slice(start, start + batch).map((event) => publisher.publish(event)));
  }
}

export function range(count: number, from = 0): number[] {
  return Array.from({ length: count }, (_, index) => from + index);
}

/**
 * Starts consumer-worker.ts in a process of its own with `env` added to this one's; `ready` resolves once it
 * consumes; `output()` is what it wrote to its standard output so far (its log lines).
 */
export function spawnConsumerWorker(env: Record<string, string | undefined>): { child: ChildProcess; ready: Promise<void>; output(): string } {
  const child = spawn(process.execPath, ['--import', 'jiti/register', path.join(here, 'consumer-worker.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let written = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => written.includes('ready\n') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  return { child, ready, output: () => written };
}
