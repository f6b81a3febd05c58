// The broker-agnostic acceptance suite, run in place against the local Kafka (skipped when it does not answer).
import { kafkaBrokers, serviceAvailable } from '../../support/services.js';

// The harness reads KAFKA_BROKERS when it is loaded.
process.env.KAFKA_BROKERS = kafkaBrokers;
const { defineAcceptanceSuite } = await import('../../../templates/messaging/runtime/acceptance/acceptance-suite.js');
const { kafkaHarness } = await import('../../../templates/messaging/runtime/acceptance/kafka.harness.js');
defineAcceptanceSuite(kafkaHarness, await serviceAvailable('kafka'));
