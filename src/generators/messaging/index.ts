export { planCompositionRootHints } from './composition-root.js';
export { acceptanceDir, planMessaging, type PlanMessagingInput } from './plan-messaging.js';
export { messagingDependencies, messagingPackages } from '../versions.js';
export type { Broker } from '../../config/brokers.js';
export { messagingCodes } from './errors.js';
