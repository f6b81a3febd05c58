import type { ConflictPolicy } from '../../workspace/planned-file.js';
import type { Broker } from '../../config/brokers.js';

/** A template under `templates/messaging/` and the file it becomes, relative to its destination folder. */
export interface TemplateEntry {
  template: string;
  output: string;
  policy: ConflictPolicy;
}

const owned = (template: string, output = template.split('/').pop() ?? template): TemplateEntry => ({
  template,
  output: output.replace(/\.hbs$/, ''),
  policy: 'owned',
});

/** The broker-agnostic runtime, written to `<paths.messaging>/`. */
export const sharedRuntime: TemplateEntry[] = [
  'envelope',
  'env',
  'errors',
  'event-codec',
  'event-definition',
  'event-handlers',
  'delivery',
  'json',
  'logger',
  'ordered-executor',
  'payload-reader',
  'ports',
  'retry-policy',
].map((name) => owned(`shared/${name}.ts.hbs`, `shared/${name}.ts.hbs`));

export const memoryRuntime: TemplateEntry[] = [owned('memory/in-memory-broker.ts.hbs', 'memory/in-memory-broker.ts.hbs')];

/** The broker-agnostic acceptance suite, written to the project's `test/messaging/`. */
export const acceptanceSuite: TemplateEntry[] = ['acceptance-suite', 'consumer-worker', 'harness', 'probe-events', 'tcp-proxy'].map((name) =>
  owned(`acceptance/${name}.ts.hbs`),
);

export const memoryAcceptance: TemplateEntry[] = [owned('memory/test/memory.harness.ts.hbs'), owned('memory/test/memory.acceptance.test.ts.hbs')];

/** What one broker adapter contributes: its runtime folder, its harness, and how the composition root builds it. */
export interface BrokerAdapterTemplates {
  runtime: TemplateEntry[];
  acceptance: TemplateEntry[];
  /** Exported by `<broker>/index.ts`: a broker class taking `{ catalog, config }` and a config-from-environment function. */
  factory: { brokerClass: string; configFromEnv: string };
}

/** Every broker infragen knows has an adapter; `Partial` keeps room for one announced before its adapter exists. */
export const brokerAdapters: Partial<Record<Broker, BrokerAdapterTemplates>> = {
  rabbitmq: {
    runtime: [
      ...['amqp-message', 'broker', 'confirm', 'connection', 'consumer', 'index', 'publisher', 'topology'].map((name) =>
        owned(`rabbitmq/${name}.ts.hbs`, `rabbitmq/${name}.ts.hbs`),
      ),
      { template: 'rabbitmq/config.ts.hbs', output: 'rabbitmq/config.ts', policy: 'scaffold' },
    ],
    acceptance: [owned('rabbitmq/test/rabbitmq.harness.ts.hbs'), owned('rabbitmq/test/rabbitmq.acceptance.test.ts.hbs')],
    factory: { brokerClass: 'RabbitMqBroker', configFromEnv: 'rabbitMqConfigFromEnv' },
  },
  nats: {
    runtime: [
      ...['broker', 'connection', 'consumer', 'index', 'nats-message', 'publish', 'publisher', 'topology'].map((name) => owned(`nats/${name}.ts.hbs`, `nats/${name}.ts.hbs`)),
      { template: 'nats/config.ts.hbs', output: 'nats/config.ts', policy: 'scaffold' },
    ],
    acceptance: [owned('nats/test/nats.harness.ts.hbs'), owned('nats/test/nats.acceptance.test.ts.hbs')],
    factory: { brokerClass: 'NatsBroker', configFromEnv: 'natsConfigFromEnv' },
  },
  kafka: {
    runtime: [
      ...['broker', 'connection', 'consumer', 'index', 'kafka-message', 'partition-retry', 'publisher', 'topology'].map((name) =>
        owned(`kafka/${name}.ts.hbs`, `kafka/${name}.ts.hbs`),
      ),
      { template: 'kafka/config.ts.hbs', output: 'kafka/config.ts', policy: 'scaffold' },
    ],
    acceptance: [owned('kafka/test/kafka.harness.ts.hbs'), owned('kafka/test/kafka.acceptance.test.ts.hbs')],
    factory: { brokerClass: 'KafkaBroker', configFromEnv: 'kafkaConfigFromEnv' },
  },
};
