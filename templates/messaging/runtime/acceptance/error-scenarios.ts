// Errors that say what happened: an unconfirmed publish is not a refusal, a header of another type is still read.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { encodeEnvelope } from '../messaging/shared/envelope.js';
import { BrokerUnavailableError, GroupNotFoundError } from '../messaging/shared/errors.js';
import { waitFor } from './acceptance-steps.js';
import { probe, probeEventDefinition } from './probe-events.js';
import type { SuiteContext } from './suite-context.js';

export function defineErrorScenarios({ open, consume }: SuiteContext): void {
  it('fails a publish whose connection drops before the confirm as unavailable, never as refused', async (context) => {
    const broker = await open();
    if (broker.holdConnections === undefined || broker.cutConnections === undefined) return context.skip();
    const publisher = broker.broker.publisher();
    await publisher.publish(probe(0));
    broker.holdConnections();
    const outcome = publisher.publish(probe(1)).then(
      () => 'confirmed',
      (error: unknown) => error,
    );
    await sleep(200);
    await broker.cutConnections();
    const result = await Promise.race([outcome, sleep(10_000, 'no answer')]);
    expect(result).not.toBe('no answer');
    // Confirmed when the adapter published again on the next connection; otherwise the caller must know to retry.
    if (result !== 'confirmed') expect(result).toBeInstanceOf(BrokerUnavailableError);
  }, 30_000);

  it('reads an envelope header sent with another type by a foreign client', async (context) => {
    const broker = await open();
    if (broker.publishTyped === undefined) return context.skip();
    const handled: number[] = [];
    await consume(broker, 'foreign', (event) => void handled.push(event.sequence));
    const event = probe(5);
    const { routingKey, serialize } = probeEventDefinition;
    const { body, headers } = encodeEnvelope({ messageId: 'foreign-1', eventType: 'probe.happened', schemaVersion: 1, occurredAt: event.at, correlationId: 'c-1', payload: serialize(event) });
    await broker.publishTyped(routingKey, body, { ...headers, 'schema-version': 1 });
    await waitFor(() => handled.length >= 1, 'the foreign event');
    expect(handled).toEqual([5]);
    expect(await broker.deadLetters('foreign')).toEqual([]);
  }, 30_000);

  it('reports a group that was never started as not found when its dead letters are read', async () => {
    const broker = await open();
    await consume(broker, 'started', () => {});
    await expect(broker.deadLetters('started')).resolves.toEqual([]);
    await expect(broker.deadLetters('never-started')).rejects.toThrow(GroupNotFoundError);
  }, 30_000);
}
