// The Kafka adapter where no Kafka broker exists: the generated code type-checks, its broker-free parts
// (header encoding, the retry/dead-letter decisions, the partition batch handler, the configuration) pass
// unit tests run in the generated project, and its acceptance suite is present and skips, saying why.
// Kafka is not among INFRAGEN_REQUIRE_SERVICES: a missing broker never fails this file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempProject } from '../e2e/support.js';
import { generateProject, run } from './support/generate-project.js';
import { orderModel } from './support/order-domain.js';

const kafkaUnitTest = `import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { OrderPlaced } from '../src/domain/order/events/order-placed.js';
import { OrderId } from '../src/domain/order/order-id.js';
import { EventHandlers, domainEvents, MessagingConfigError } from '../src/infrastructure/messaging/index.js';
import { kafkaConfigFromEnv } from '../src/infrastructure/messaging/kafka/index.js';
import { kafkaRetry } from '../src/infrastructure/messaging/kafka/connection.js';
import { backoffDelayMs } from '../src/infrastructure/messaging/shared/backoff.js';
import { fromKafkaHeaders, toKafkaHeaders, toKafkaMessage, toTransportMessage } from '../src/infrastructure/messaging/kafka/kafka-message.js';
import { PartitionBatchHandler, recordAction, type BatchPayload } from '../src/infrastructure/messaging/kafka/partition-retry.js';
import { deadLetterTopic, isOwnTopic } from '../src/infrastructure/messaging/kafka/topology.js';
import { readDeadLetter } from '../src/infrastructure/messaging/shared/delivery.js';
import { encodeEvent } from '../src/infrastructure/messaging/shared/event-codec.js';
import type { TransportMessage } from '../src/infrastructure/messaging/shared/envelope.js';
import { BrokerUnavailableError } from '../src/infrastructure/messaging/shared/errors.js';
import { kafkaHarness } from './messaging/kafka.harness.js';
import { probe } from './messaging/probe-events.js';

const retryPolicy = { maxAttempts: 3, baseDelayMs: 20, factor: 3, maxDelayMs: 1_000 };
const placed = (id: string) => new OrderPlaced(new OrderId(id), 10, ['a'], new Date('2024-01-02T03:04:05.000Z'));

/** A record as kafkajs hands it over, from what the publisher would produce. */
function record(offset: number, message: TransportMessage) {
  const produced = toKafkaMessage(message);
  return { offset: String(offset), value: produced.value as Buffer, headers: produced.headers ?? {} };
}

/** The consumer's surroundings without a broker: pauses, seeks, resumes and dead letters are recorded. */
function fakePartition(handler: (event: OrderPlaced, attempt: number) => void) {
  const calls: string[] = [];
  const letters: TransportMessage[] = [];
  const handlers = new EventHandlers(domainEvents).subscribe(OrderPlaced, (event, context) => handler(event, context.attempt));
  const batchHandler = new PartitionBatchHandler({
    group: 'billing',
    handlers,
    retryPolicy,
    control: {
      pause: (topic, partition) => void calls.push(\`pause \${topic}/\${partition}\`),
      resume: (topic, partition) => void calls.push(\`resume \${topic}/\${partition}\`),
      seek: (topic, partition, offset) => void calls.push(\`seek \${topic}/\${partition}@\${offset}\`),
      deadLetter: async (letter) => void letters.push(letter),
    },
  });
  const payload = (messages: ReturnType<typeof record>[], running = () => true): BatchPayload & { resolved: string[] } => {
    const resolved: string[] = [];
    return {
      resolved,
      batch: { topic: 'events', partition: 2, messages },
      resolveOffset: (offset) => void resolved.push(offset),
      heartbeat: async () => {},
      commitOffsetsIfNecessary: async () => {},
      isRunning: running,
      isStale: () => false,
    };
  };
  return { calls, letters, batchHandler, payload };
}

describe('the Kafka adapter without a broker', () => {
  it('carries the envelope in UTF-8 headers and keys the record by aggregate', () => {
    const { message } = encodeEvent(domainEvents, placed('o-1'), { correlationId: 'c-1' });
    const produced = toKafkaMessage(message);
    expect(produced.key).toBe('o-1');
    expect(Buffer.isBuffer(produced.headers?.['event-type'])).toBe(true);
    expect(fromKafkaHeaders(produced.headers)).toEqual(message.headers);
    expect(fromKafkaHeaders({ a: [Buffer.from('first'), 'last'], b: undefined, c: 'plain' })).toEqual({ a: 'last', c: 'plain' });
    expect(() => fromKafkaHeaders({ 'event-type': Buffer.from([0xff, 0xfe]) })).toThrow('Header "event-type" is not UTF-8');
    expect(toTransportMessage({ value: null, headers: toKafkaHeaders({ x: 'ü' }) }, 2)).toEqual({ body: new Uint8Array(0), headers: { x: 'ü', attempt: '2' } });
  });

  it('decides commit, retry later or dead-letter from the delivery outcome', () => {
    const message = { body: new Uint8Array([1]), headers: { 'message-id': 'm-1', 'event-type': 'order.placed' } };
    expect(recordAction({ kind: 'handled' }, message, 'g', 'events/0@5')).toEqual({ kind: 'commit' });
    expect(recordAction({ kind: 'ignored' }, message, 'g', 'events/0@5')).toEqual({ kind: 'commit' });
    expect(recordAction({ kind: 'retry', nextAttempt: 3, delayMs: 400, error: 'E' }, message, 'g', 'events/0@5')).toEqual({ kind: 'retry-later', attempt: 3, delayMs: 400, error: 'E' });
    const action = recordAction({ kind: 'dead-letter', reason: 'exhausted', error: 'Error: boom', attempts: 5 }, message, 'g', 'events/0@5');
    if (action.kind !== 'dead-letter') throw new Error(action.kind);
    expect(action.letter.headers['dead-letter-source']).toBe('events/0@5');
    expect(readDeadLetter(action.letter)).toMatchObject({ group: 'g', messageId: 'm-1', reason: 'exhausted', error: 'Error: boom', attempts: 5 });
  });

  it('retries by pausing the partition and rewinding to the record, with growing delays, then dead-letters it', async () => {
    const attempts: number[] = [];
    const { calls, letters, batchHandler, payload } = fakePartition((_event, attempt) => {
      attempts.push(attempt);
      throw new Error('always');
    });
    const records = [record(7, encodeEvent(domainEvents, placed('o-1')).message), record(8, encodeEvent(domainEvents, placed('o-2')).message)];
    const first = payload(records);
    await batchHandler.handleBatch(first);
    // Attempt 1 failed: nothing resolved, the later record not even tried, the partition paused at the record.
    expect(first.resolved).toEqual([]);
    expect(calls).toEqual(['pause events/2', 'seek events/2@7']);
    expect(batchHandler.pausedPartitions).toEqual(['events/2']);
    await sleep(10);
    expect(calls).toHaveLength(2);
    await sleep(25);
    expect(calls.at(-1)).toBe('resume events/2');
    await batchHandler.handleBatch(payload(records));
    expect(calls.slice(3)).toEqual(['pause events/2', 'seek events/2@7']);
    await sleep(40);
    expect(calls).toHaveLength(5);
    await sleep(40);
    expect(calls.at(-1)).toBe('resume events/2');
    const last = payload(records);
    await batchHandler.handleBatch(last);
    // Attempt 3 was the last: dead-lettered and committed; the next record's first attempt then failed in turn.
    expect(attempts).toEqual([1, 2, 3, 1]);
    expect(letters.map((letter) => readDeadLetter(letter))).toMatchObject([{ group: 'billing', reason: 'exhausted', attempts: 3, error: 'Error: always' }]);
    expect(last.resolved).toEqual(['7']);
    expect(calls.slice(6)).toEqual(['pause events/2', 'seek events/2@8']);
    batchHandler.stop();
  });

  it('dead-letters undecodable records at once and commits in offset order', async () => {
    const handled: string[] = [];
    const { letters, batchHandler, payload } = fakePartition((event) => void handled.push(event.orderId.value));
    const good = encodeEvent(domainEvents, placed('o-1')).message;
    const badJson = record(1, { body: new TextEncoder().encode('{nope'), headers: good.headers });
    const badHeader = { offset: '2', value: Buffer.from('{}'), headers: { 'event-type': Buffer.from([0xc3, 0x28]) } };
    const batch = payload([record(0, good), badJson, badHeader, record(3, good)]);
    await batchHandler.handleBatch(batch);
    expect(handled).toEqual(['o-1', 'o-1']);
    expect(batch.resolved).toEqual(['0', '1', '2', '3']);
    expect(letters.map((letter) => [readDeadLetter(letter).reason, readDeadLetter(letter).attempts, letter.headers['dead-letter-source']])).toEqual([
      ['malformed', 0, 'events/2@1'],
      ['malformed', 0, 'events/2@2'],
    ]);
    expect(readDeadLetter(letters[1]!).error).toContain('not UTF-8');
  });

  it('stops between records when the consumer stops, leaving the rest uncommitted', async () => {
    let running = true;
    const { batchHandler, payload } = fakePartition(() => {
      running = false;
    });
    const message = encodeEvent(domainEvents, placed('o-1')).message;
    const batch = payload([record(0, message), record(1, message)], () => running);
    await batchHandler.handleBatch(batch);
    expect(batch.resolved).toEqual(['0']);
  });

  it('fails to publish to an unreachable broker with a clear error within the timeout, and closes', async () => {
    const broker = await kafkaHarness.createUnreachable!(1_000);
    const startedAt = Date.now();
    const error = await broker.publisher().publish(probe(1)).then(() => undefined, (caught: unknown) => caught);
    const elapsed = Date.now() - startedAt;
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect({ message: (error as Error).message }).toEqual({ message: expect.stringMatching(/probe.happened .* was not confirmed within 1000 ms: Kafka at 127.0.0.1:\\d+ is unreachable after \\d+ ms \\(KafkaJS/) });
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2_500);
    await broker.close();
  });

  it('reads its configuration from the environment and refuses what Kafka would refuse', () => {
    const config = kafkaConfigFromEnv({ KAFKA_BROKERS: 'a:9092, b:9093', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' });
    expect(config).toMatchObject({ brokers: ['a:9092', 'b:9093'], ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' }, topic: 'domain-events', newGroupStart: 'latest' });
    expect(kafkaConfigFromEnv({}).sasl).toBeUndefined();
    expect(kafkaConfigFromEnv({}).ssl).toBe(false);
    expect(() => kafkaConfigFromEnv({ KAFKA_BROKERS: 'kafka://a:9092' })).toThrow('KAFKA_BROKERS must be comma-separated host:port pairs');
    expect(() => kafkaConfigFromEnv({ KAFKA_TOPIC: 'events/v1' })).toThrow('KAFKA_TOPIC must be 1 to 200 letters');
    expect(() => kafkaConfigFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u' })).toThrow('KAFKA_SASL_MECHANISM must be one of');
    expect(() => kafkaConfigFromEnv({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow('KAFKA_SASL_USERNAME is required');
    expect(() => kafkaConfigFromEnv({ KAFKA_HEARTBEAT_INTERVAL_MS: '20000' })).toThrow(MessagingConfigError);
    expect(deadLetterTopic(config, 'billing')).toBe('domain-events.dead-letter.billing');
    expect(isOwnTopic(config, 'domain-events.dead-letter.billing')).toBe(true);
    expect(isOwnTopic(config, 'domain-events-v2')).toBe(false);
    expect(() => deadLetterTopic(config, 'bill ing')).toThrow('must be 1 to 200 letters');
    expect([1, 2, 3, 20].map((attempt) => backoffDelayMs(attempt, config.reconnect))).toEqual([300, 600, 1_200, 30_000]);
    expect(kafkaRetry(config.reconnect)).toMatchObject({ initialRetryTime: 300, maxRetryTime: 30_000, retries: 10 });
  });
});
`;

interface VitestReport {
  testResults: { assertionResults: { fullName: string; title: string; status: string; failureMessages: string[] }[] }[];
}

describe('generated messaging with the Kafka adapter', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await generateProject(orderModel(true), ['kafka'], { 'test/kafka-unit.test.ts': kafkaUnitTest });
  });
  afterAll(() => project.remove());

  it('type-checks under strict NodeNext settings, the Kafka harness and acceptance test included', () => {
    for (const file of ['kafka.harness.ts', 'kafka.acceptance.test.ts']) expect(existsSync(path.join(project.root, 'test/messaging', file))).toBe(true);
    const result = run('tsc', ['-p', '.'], project.root);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes its broker-free unit tests and skips the Kafka acceptance suite, saying why, when KAFKA_BROKERS is unset', () => {
    const reportFile = path.join(project.root, 'report.json');
    const result = run('vitest', ['run', 'test/kafka-unit.test.ts', 'test/messaging/kafka.acceptance.test.ts', '--reporter=json', `--outputFile=${reportFile}`], project.root, { KAFKA_BROKERS: '' });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
    const outcomes = report.testResults.flatMap((file) => file.assertionResults);
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    expect(failed.map((outcome) => `${outcome.fullName}\n${outcome.failureMessages.join('\n')}`)).toEqual([]);
    expect(result.status).toBe(0);
    expect(outcomes.filter((outcome) => outcome.fullName.startsWith('the Kafka adapter without a broker') && outcome.status === 'passed')).toHaveLength(7);
    expect(outcomes.filter((outcome) => outcome.fullName.startsWith('messaging acceptance: kafka')).map((outcome) => [outcome.title, outcome.status])).toEqual([
      ['no Kafka broker: set KAFKA_BROKERS to run the Kafka acceptance suite', 'skipped'],
    ]);
  }, 120_000);
});
