export { RabbitMqBroker, type RabbitMqBrokerOptions } from './broker.js';
export { rabbitMqConfigFromEnv, type RabbitMqConfig } from './config.js';
export { groupTopology, type GroupTopology } from './topology.js';
