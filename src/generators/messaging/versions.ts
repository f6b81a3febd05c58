/** The brokers infragen generates messaging adapters for. The in-memory broker is always generated. */
export type Broker = 'rabbitmq' | 'kafka' | 'nats';

export interface PinnedPackage {
  name: string;
  version: string;
  dev: boolean;
}

/** Pinned versions of what generated messaging code imports, per broker; the acceptance suite's needs apart. */
export const messagingPackages = {
  rabbitmq: [{ name: 'amqplib', version: '2.3.1', dev: false }],
  // kafkajs rather than @confluentinc/kafka-javascript: kafkajs is pure JavaScript, with no native build.
  // The Confluent client wraps librdkafka, compiled or downloaded by an install script, and npm 11 does not
  // run install scripts by default, so it would install broken. kafkajs' API is also the one the Confluent
  // client mirrors (its `KafkaJS` compatibility layer), so moving to it later is mostly a change of import.
  kafka: [{ name: 'kafkajs', version: '2.2.4', dev: false }],
  nats: [{ name: 'nats', version: '2.29.3', dev: false }],
  acceptance: [
    { name: 'vitest', version: '4.1.12', dev: true },
    // Runs the TypeScript consumer worker of the crash test in a child process.
    { name: 'jiti', version: '2.7.0', dev: true },
  ],
} as const satisfies Record<Broker | 'acceptance', readonly PinnedPackage[]>;

/** The packages a project needs for messaging over `brokers`, acceptance suite included. */
export function messagingDependencies(brokers: readonly Broker[]): PinnedPackage[] {
  return [...brokers.flatMap((broker): readonly PinnedPackage[] => messagingPackages[broker]), ...messagingPackages.acceptance];
}
