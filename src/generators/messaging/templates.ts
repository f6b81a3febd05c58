import type { ConflictPolicy } from '../../workspace/planned-file.js';
import type { Broker } from '../../config/brokers.js';

/**
 * A runtime source: TypeScript that does not vary with the domain, by its path under
 * `templates/messaging/runtime/`. Files under `messaging/` go to `paths.messaging`, those under
 * `acceptance/` to the project's `test/messaging/`.
 */
export interface RuntimeEntry {
  source: string;
  policy: ConflictPolicy;
}

/** The runtime tree inside the templates folder. */
export const runtimeRoot = 'messaging/runtime';

const owned = (folder: string, names: readonly string[]): RuntimeEntry[] => names.map((name) => ({ source: `${folder}/${name}.ts`, policy: 'owned' }));

/** The broker-agnostic runtime. */
export const sharedRuntime: RuntimeEntry[] = owned('messaging/shared', [
  'backoff',
  'broker-base',
  'broker-consumer',
  'delivery',
  'env',
  'envelope',
  'errors',
  'event-codec',
  'event-definition',
  'event-handlers',
  'event-publisher-adapter',
  'json',
  'logger',
  'ordered-executor',
  'payload-reader',
  'ports',
  'reconnecting-connection',
  'retry-policy',
  'shutdown',
]);

export const memoryRuntime: RuntimeEntry[] = owned('messaging/memory', ['in-memory-broker']);

/** The broker-agnostic acceptance suite. */
export const acceptanceSuite: RuntimeEntry[] = owned('acceptance', ['acceptance-suite', 'acceptance-steps', 'consumer-worker', 'error-scenarios', 'harness', 'network-harness', 'ordering-scenarios', 'poison-scenarios', 'probe-events', 'shutdown-scenarios', 'suite-context', 'tcp-proxy']);

export const memoryAcceptance: RuntimeEntry[] = owned('acceptance', ['memory.harness', 'memory.acceptance.test']);

/** What one broker adapter contributes: its runtime folder, its harness, and how the composition root builds it. */
export interface BrokerAdapterSources {
  runtime: RuntimeEntry[];
  acceptance: RuntimeEntry[];
  /** Exported by `<broker>/index.ts`: a broker class taking `{ catalog, config }` and a config-from-environment function. */
  factory: { brokerClass: string; configFromEnv: string };
}

function adapter(broker: Broker, files: readonly string[], factory: BrokerAdapterSources['factory']): BrokerAdapterSources {
  return {
    // The configuration is a scaffold: the user tunes it, infragen writes it once.
    runtime: [...owned(`messaging/${broker}`, files), { source: `messaging/${broker}/config.ts`, policy: 'scaffold' }],
    acceptance: owned('acceptance', [`${broker}.harness`, `${broker}.acceptance.test`]),
    factory,
  };
}

/** Every broker infragen knows has an adapter; `Partial` keeps room for one announced before its adapter exists. */
export const brokerAdapters: Partial<Record<Broker, BrokerAdapterSources>> = {
  rabbitmq: adapter('rabbitmq', ['amqp-message', 'broker', 'confirm', 'connection', 'consumer', 'dead-letter-browser', 'index', 'publisher', 'topology'], {
    brokerClass: 'RabbitMqBroker',
    configFromEnv: 'rabbitMqConfigFromEnv',
  }),
  nats: adapter('nats', ['broker', 'connection', 'consumer', 'index', 'max-deliveries', 'nats-message', 'publish', 'publisher', 'topology'], {
    brokerClass: 'NatsBroker',
    configFromEnv: 'natsConfigFromEnv',
  }),
  kafka: adapter('kafka', ['broker', 'connection', 'consumer', 'index', 'kafka-message', 'partition-retry', 'publisher', 'topology'], {
    brokerClass: 'KafkaBroker',
    configFromEnv: 'kafkaConfigFromEnv',
  }),
};
