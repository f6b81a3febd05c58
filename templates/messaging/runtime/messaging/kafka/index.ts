export { KafkaBroker, type KafkaBrokerOptions } from './broker.js';
export { kafkaConfigFromEnv, type KafkaConfig } from './config.js';
export { deadLetterTopic, deleteTopics, ensureTopics } from './topology.js';
