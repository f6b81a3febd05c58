// The Kafka acceptance test: the broker-agnostic suite's 11 scenarios against a real Kafka cluster. It runs
// when KAFKA_BROKERS is set (e.g. KAFKA_BROKERS=127.0.0.1:9092 npx vitest run test/messaging) and is skipped,
// saying why, otherwise.
import { describe, it } from 'vitest';
import { defineAcceptanceSuite } from './acceptance-suite.js';
import { kafkaHarness, noKafkaBroker } from './kafka.harness.js';

const available = await kafkaHarness.available();
if (available) {
  defineAcceptanceSuite(kafkaHarness, true);
} else {
  describe(`messaging acceptance: ${kafkaHarness.name}`, () => {
    it.skip(noKafkaBroker, () => {});
  });
}
