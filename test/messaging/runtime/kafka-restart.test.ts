// The Kafka adapter through a real broker restart: a broker of its own (not the shared one, which other test files
// use at the same time) is started, and restarted while events stream through it. Publishers retry what the
// broker could not confirm, as the README tells callers to; nothing may be lost, and duplicates are counted.
// Runs when INFRAGEN_KAFKA_RESTART=1 (CI sets it): it needs Java and the broker's jars (scripts/kafka.sh).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../e2e/support.js';

const enabled = process.env.INFRAGEN_KAFKA_RESTART === '1';
const port = Number(process.env.INFRAGEN_KAFKA_RESTART_PORT ?? 19092);
const runDir = mkdtempSync(path.join(os.tmpdir(), 'infragen-kafka-restart-'));
const kafkaEnv = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), INFRAGEN_KAFKA_RUN_DIR: runDir };
process.env.KAFKA_BROKERS = `127.0.0.1:${port}`;

const { kafkaHarness } = await import('../../../templates/messaging/runtime/acceptance/kafka.harness.js');
const { fastRetry, range, waitFor } = await import('../../../templates/messaging/runtime/acceptance/acceptance-steps.js');
const { probe, probeCatalog, ProbeEvent } = await import('../../../templates/messaging/runtime/acceptance/probe-events.js');
const { EventHandlers } = await import('../../../templates/messaging/runtime/messaging/shared/event-handlers.js');
const { BrokerUnavailableError } = await import('../../../templates/messaging/runtime/messaging/shared/errors.js');

/** Runs scripts/kafka.sh without blocking, so that the clients live through the outage as it happens. */
async function kafka(command: 'start' | 'stop' | 'restart'): Promise<void> {
  try {
    await promisify(execFile)(path.join(repoRoot, 'scripts/kafka.sh'), [command], { env: kafkaEnv, timeout: 180_000 });
  } catch (error) {
    throw new Error(`scripts/kafka.sh ${command} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

describe.runIf(enabled)('the Kafka adapter through a broker restart', () => {
  beforeAll(() => kafka('start'), 200_000);
  afterAll(async () => {
    await kafka('stop');
    rmSync(runDir, { recursive: true, force: true });
  }, 60_000);

  it('loses no event published or consumed across the restart, and counts the duplicates', async () => {
    const total = 2_000;
    const harnessBroker = await kafkaHarness.create({ retry: fastRetry, prefetch: 20 });
    try {
      const seen = new Map<number, number>();
      const consumer = harnessBroker.broker.consumer({
        group: 'restart',
        handlers: new EventHandlers(probeCatalog).subscribe(ProbeEvent, (event) => void seen.set(event.sequence, (seen.get(event.sequence) ?? 0) + 1)),
      });
      await consumer.start();
      const publisher = harnessBroker.broker.publisher();
      let republished = 0;
      const publishUntilConfirmed = async (sequence: number): Promise<void> => {
        for (;;) {
          try {
            return await publisher.publish(probe(sequence));
          } catch (error) {
            if (!(error instanceof BrokerUnavailableError)) throw error;
            republished++;
            await sleep(250);
          }
        }
      };
      let restarted = false;
      const restart = (async () => {
        await waitFor(() => seen.size >= total / 4, 'a quarter of the events before the restart', 60_000);
        await kafka('restart');
        restarted = true;
      })();
      for (const batch of range(total / 50)) await Promise.all(range(50, batch * 50).map(publishUntilConfirmed));
      await restart;
      await waitFor(() => seen.size >= total, `all ${total} events after the restart`, 120_000);
      await sleep(1_000);
      await consumer.stop();
      const duplicates = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
      console.info(
        `kafka restart: ${total} published (${republished} publish attempts retried after BrokerUnavailableError), ${seen.size} distinct consumed, ${duplicates} duplicates`,
      );
      expect(restarted).toBe(true);
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual(range(total));
    } finally {
      await harnessBroker.dispose();
    }
  }, 300_000);
});
