export { acceptanceDir, planMessaging, type PlanMessagingInput } from './plan-messaging.js';
export { messagingDependencies, messagingPackages, type Broker, type PinnedPackage } from './versions.js';
export { messagingCodes } from './errors.js';
