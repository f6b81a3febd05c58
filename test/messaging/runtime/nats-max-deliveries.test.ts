// A message JetStream stops delivering after `max_deliver` unsettled deliveries is dead-lettered with a log line,
// never left behind silently: the advisory watch on its own against the real server, then wired into the consumer.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../templates/messaging/runtime/acceptance/acceptance-steps.js';
import { probe, probeCatalog, ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { NatsBroker } from '../../../templates/messaging/runtime/messaging/nats/broker.js';
import { natsConfigFromEnv, type NatsConfig } from '../../../templates/messaging/runtime/messaging/nats/config.js';
import { NatsConnection } from '../../../templates/messaging/runtime/messaging/nats/connection.js';
import { maxDeliveriesSubject, watchMaxDeliveries } from '../../../templates/messaging/runtime/messaging/nats/max-deliveries.js';
import { publishAcked } from '../../../templates/messaging/runtime/messaging/nats/publish.js';
import {
  catalogSubjects,
  deleteStreams,
  ensureGroupConsumer,
  ensureStreams,
  eventSubject,
} from '../../../templates/messaging/runtime/messaging/nats/topology.js';
import { deadLetterHeaders } from '../../../templates/messaging/runtime/messaging/shared/delivery.js';
import { encodeEvent } from '../../../templates/messaging/runtime/messaging/shared/event-codec.js';
import { EventHandlers } from '../../../templates/messaging/runtime/messaging/shared/event-handlers.js';
import type { MessagingLogger } from '../../../templates/messaging/runtime/messaging/shared/logger.js';
import type { TransportMessage } from '../../../templates/messaging/runtime/messaging/shared/envelope.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../../support/services.js';

const nats = await serviceAvailable('nats');
if (!nats && servicesRequired) throw new Error(`NATS is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.nats}`);

function recordingLogger(): MessagingLogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, warn: () => {}, error: (message) => void errors.push(message) };
}

function testConfig(): NatsConfig {
  const name = randomUUID().slice(0, 8);
  const config = natsConfigFromEnv({ NATS_URL: serviceUrls.nats, NATS_STREAM: `MAXDELIVER_${name}`, NATS_SUBJECT_PREFIX: `maxdeliver-${name}` });
  // max_deliver is maxAttempts + 3 = 4; an unacknowledged delivery comes back after 300 ms.
  return { ...config, ackWaitMs: 300, retry: { ...config.retry, maxAttempts: 1 } };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.runIf(nats)('NATS messages JetStream gives up on (max_deliver)', () => {
  it('are dead-lettered from the advisory the server sends when no consumer settled them', async () => {
    const config = testConfig();
    const logger = recordingLogger();
    const connection = new NatsConnection(config, logger);
    cleanups.push(() => connection.close());
    const session = await connection.get();
    cleanups.push(() => deleteStreams(session.jsm, config));
    await ensureStreams(session.jsm, config, catalogSubjects(config, probeCatalog));
    const subject = eventSubject(config, probeCatalog.definitions[0]!.routingKey);
    await ensureGroupConsumer(session, config, 'abandoned', [subject], logger);
    const letters: { seq: number; letter: TransportMessage }[] = [];
    const watch = watchMaxDeliveries(session, config, 'abandoned', async (seq, letter) => void letters.push({ seq, letter }), logger);
    cleanups.push(async () => watch.unsubscribe());
    const { message } = encodeEvent(probeCatalog, probe(7));
    const ack = await publishAcked(session.js, subject, message, { stream: config.stream, timeoutMs: 5_000 });
    // A consumer that takes the message and never settles it, four times (a process killed each time).
    const raw = await session.js.consumers.get(config.stream, 'abandoned');
    for (let delivery = 1; delivery <= 4; delivery++) {
      const taken = await raw.next({ expires: 5_000 });
      expect(taken?.info.redeliveryCount).toBe(delivery);
      await sleep(config.ackWaitMs + 100);
    }
    // The server notices it may not deliver again when it next looks for a message for the group.
    expect(await raw.next({ expires: 1_000 })).toBeNull();
    await waitFor(() => letters.length > 0, 'the dead letter from the advisory', 20_000);
    const [{ seq, letter }] = letters as [{ seq: number; letter: TransportMessage }];
    expect(seq).toBe(ack.seq);
    expect(letter.body).toEqual(message.body);
    expect(letter.headers).toMatchObject({
      [deadLetterHeaders.group]: 'abandoned',
      [deadLetterHeaders.reason]: 'exhausted',
      [deadLetterHeaders.attempts]: '4',
    });
    expect(logger.errors).toEqual(['Dead-lettered a message JetStream gave up on']);
  }, 60_000);

  it('are stored once in the group’s dead letters by a running consumer, whichever of its instances hears of it', async () => {
    const config = testConfig();
    const logger = recordingLogger();
    const broker = new NatsBroker({ catalog: probeCatalog, config, logger });
    cleanups.push(async () => {
      await broker.close();
      const cleanup = new NatsConnection(config, logger);
      await deleteStreams((await cleanup.get()).jsm, config);
      await cleanup.close();
    });
    const consumers = [1, 2].map(() => broker.consumer({ group: 'watched', handlers: new EventHandlers(probeCatalog).subscribe(ProbeEvent, () => {}) }));
    for (const consumer of consumers) await consumer.start();
    await broker.publisher().publish(probe(1));
    const { jsm, client } = await broker.connection.get();
    const { state } = await jsm.streams.info(config.stream);
    // As the server would announce a message of the group it gave up on (the real advisory is the test above).
    client.publish(
      maxDeliveriesSubject(config.stream, 'watched'),
      JSON.stringify({ stream: config.stream, consumer: 'watched', stream_seq: state.last_seq, deliveries: 4 }),
    );
    await waitFor(async () => (await broker.deadLetters('watched')).length > 0, 'the dead letter', 20_000);
    await sleep(300);
    const letters = await broker.deadLetters('watched');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ group: 'watched', reason: 'exhausted', attempts: 4 });
    expect(logger.errors).toEqual(['Dead-lettered a message JetStream gave up on']);
  }, 60_000);
});
