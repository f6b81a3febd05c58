// The generated Kafka publisher against a bare kafkajs idempotent producer (acks -1) on the same topic, with the
// same headers, in the same run; then end to end through one consumer group.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createJiti } from 'jiti';
import { Kafka, logLevel } from 'kafkajs';
import { endToEnd, ratioRow, throughput } from './messaging-common.mjs';

export const kafkaBrokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
const messages = Number(process.env.BENCH_KAFKA_MESSAGES ?? 10_000);

export async function benchKafka(project) {
  const generated = createJiti(path.join(project.root, 'index.ts'));
  const { KafkaBroker } = await generated.import('./src/infrastructure/messaging/kafka/broker.ts');
  const { kafkaConfigFromEnv } = await generated.import('./src/infrastructure/messaging/kafka/config.ts');
  const { deleteTopics } = await generated.import('./src/infrastructure/messaging/kafka/topology.ts');
  const { silentLogger } = await generated.import('./src/infrastructure/messaging/shared/logger.ts');
  const { EventHandlers } = await generated.import('./src/infrastructure/messaging/shared/event-handlers.ts');
  const { probe, probeCatalog, ProbeEvent } = await generated.import('./test/messaging/probe-events.ts');

  const topic = `bench.${randomUUID().slice(0, 8)}`;
  const config = { ...kafkaConfigFromEnv({ KAFKA_BROKERS: kafkaBrokers, KAFKA_TOPIC: topic, KAFKA_CLIENT_ID: 'bench' }), publishTimeoutMs: 60_000 };
  const broker = new KafkaBroker({ catalog: probeCatalog, config, logger: silentLogger });
  const bare = new Kafka({ clientId: 'bench-bare', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = bare.producer({ idempotent: true, maxInFlightRequests: 1 });
  const admin = bare.admin();
  const rows = [];
  try {
    const publisher = broker.publisher();
    // Creates the topic, so both publishers write to the same partitions.
    await publisher.publish(probe(0));
    await producer.connect();
    const value = JSON.stringify({ aggregateId: 'a', sequence: 1, text: 'probe 1', at: new Date().toISOString(), tags: ['t'] });
    // The same metadata the envelope carries, keyed by aggregate as the generated publisher keys it.
    const bareRecord = () => ({
      key: 'a',
      value,
      headers: { 'message-id': randomUUID(), 'event-type': 'probe.happened', 'schema-version': '1', 'occurred-at': new Date().toISOString(), 'correlation-id': randomUUID(), 'ordering-key': 'a' },
    });
    let bareRate = 0;
    let generatedRate = 0;
    for (let round = 0; round < 2; round++) {
      bareRate = Math.max(bareRate, await throughput(messages, () => producer.send({ topic, acks: -1, messages: [bareRecord()] })));
      generatedRate = Math.max(generatedRate, await throughput(messages, (sequence) => publisher.publish(probe(sequence))));
    }
    rows.push({ case: `Kafka send, acks -1, bare kafkajs (${messages} msgs, best of 2)`, rate: `${bareRate.toFixed(0)} msg/s` });
    rows.push(ratioRow('Kafka send, acks -1, generated publisher', generatedRate, bareRate));
    await broker.close();
    // A topic of its own, read from its start: a new group joining at `latest` misses what is sent while it joins.
    const endToEndConfig = { ...config, topic: `${topic}.e2e`, newGroupStart: 'earliest' };
    const endToEndBroker = new KafkaBroker({ catalog: probeCatalog, config: endToEndConfig, logger: silentLogger });
    rows.push(await endToEnd('Kafka end to end: publish + consume', endToEndBroker, endToEndBroker.publisher(), messages, { EventHandlers, probe, probeCatalog, ProbeEvent }));
    await endToEndBroker.close();
    await admin.connect();
    await deleteTopics(admin, config);
    await deleteTopics(admin, endToEndConfig);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return rows;
}
