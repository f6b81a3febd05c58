export { NatsBroker, type NatsBrokerOptions } from './broker.js';
export { natsConfigFromEnv, type NatsConfig } from './config.js';
export { deadLetterSubject, deleteStreams, eventSubject } from './topology.js';
