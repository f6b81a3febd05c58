import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writtenType } from '../../src/model/types.js';
import { messagingDependencies, planCompositionRootHints, planMessaging } from '../../src/generators/messaging/index.js';
import { planOutboxRuntime } from '../../src/generators/outbox/index.js';
import { planProjectionRuntime } from '../../src/generators/projections/index.js';
import { MemoryTree } from '../../src/workspace/index.js';
import type { PlannedFile } from '../../src/workspace/planned-file.js';
import { createRenderer, renderAll } from '../../src/render/index.js';
import { repoRoot } from '../e2e/support.js';
import { tempRoot } from '../workspace/support.js';
import { orderModel, orderPlaced } from './support/order-domain.js';
import { projectContext } from './support/generate-project.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('_partials'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** The template data of the planned file whose path ends with `suffix`. */
function dataOf(files: readonly PlannedFile[], suffix: string): object | undefined {
  const file = files.find((candidate) => candidate.path.endsWith(suffix));
  return file !== undefined && 'data' in file ? file.data : undefined;
}

describe('planMessaging', () => {
  it('plans the runtime, the event map, the publisher behind the port and the acceptance suite', () => {
    const files = planMessaging({ model: orderModel(true), context: projectContext(), brokers: ['rabbitmq'] }).files;
    expect(files.map((file) => `${file.policy.padEnd(8)} ${file.path}`).sort()).toMatchInlineSnapshot(`
      [
        "owned    src/infrastructure/messaging/domain-event-publisher.ts",
        "owned    src/infrastructure/messaging/events.ts",
        "owned    src/infrastructure/messaging/index.ts",
        "owned    src/infrastructure/messaging/memory/in-memory-broker.ts",
        "owned    src/infrastructure/messaging/messaging.ts",
        "owned    src/infrastructure/messaging/rabbitmq/amqp-message.ts",
        "owned    src/infrastructure/messaging/rabbitmq/broker.ts",
        "owned    src/infrastructure/messaging/rabbitmq/confirm.ts",
        "owned    src/infrastructure/messaging/rabbitmq/connection.ts",
        "owned    src/infrastructure/messaging/rabbitmq/consumer.ts",
        "owned    src/infrastructure/messaging/rabbitmq/dead-letter-browser.ts",
        "owned    src/infrastructure/messaging/rabbitmq/index.ts",
        "owned    src/infrastructure/messaging/rabbitmq/publisher.ts",
        "owned    src/infrastructure/messaging/rabbitmq/topology.ts",
        "owned    src/infrastructure/messaging/shared/backoff.ts",
        "owned    src/infrastructure/messaging/shared/broker-base.ts",
        "owned    src/infrastructure/messaging/shared/broker-consumer.ts",
        "owned    src/infrastructure/messaging/shared/delivery.ts",
        "owned    src/infrastructure/messaging/shared/env.ts",
        "owned    src/infrastructure/messaging/shared/envelope.ts",
        "owned    src/infrastructure/messaging/shared/errors.ts",
        "owned    src/infrastructure/messaging/shared/event-codec.ts",
        "owned    src/infrastructure/messaging/shared/event-definition.ts",
        "owned    src/infrastructure/messaging/shared/event-handlers.ts",
        "owned    src/infrastructure/messaging/shared/event-publisher-adapter.ts",
        "owned    src/infrastructure/messaging/shared/json.ts",
        "owned    src/infrastructure/messaging/shared/logger.ts",
        "owned    src/infrastructure/messaging/shared/ordered-executor.ts",
        "owned    src/infrastructure/messaging/shared/payload-reader.ts",
        "owned    src/infrastructure/messaging/shared/ports.ts",
        "owned    src/infrastructure/messaging/shared/reconnecting-connection.ts",
        "owned    src/infrastructure/messaging/shared/retry-policy.ts",
        "owned    src/infrastructure/messaging/shared/shutdown.ts",
        "owned    test/messaging/acceptance-steps.ts",
        "owned    test/messaging/acceptance-suite.ts",
        "owned    test/messaging/consumer-worker.ts",
        "owned    test/messaging/error-scenarios.ts",
        "owned    test/messaging/harness.ts",
        "owned    test/messaging/memory.acceptance.test.ts",
        "owned    test/messaging/memory.harness.ts",
        "owned    test/messaging/network-harness.ts",
        "owned    test/messaging/ordering-scenarios.ts",
        "owned    test/messaging/poison-scenarios.ts",
        "owned    test/messaging/probe-events.ts",
        "owned    test/messaging/rabbitmq.acceptance.test.ts",
        "owned    test/messaging/rabbitmq.harness.ts",
        "owned    test/messaging/shutdown-scenarios.ts",
        "owned    test/messaging/suite-context.ts",
        "owned    test/messaging/tcp-proxy.ts",
        "scaffold src/infrastructure/messaging/rabbitmq/config.ts",
      ]
    `);
    expect(new Set(files.map((file) => file.generator))).toEqual(new Set(['messaging']));
  });

  it('plans the NATS JetStream adapter, its config scaffold and its harness for --broker nats', () => {
    const files = planMessaging({ model: orderModel(true), context: projectContext(), brokers: ['nats'] }).files;
    const natsFiles = files.filter((file) => file.path.includes('/nats/') || file.path.includes('/nats.'));
    expect(natsFiles.map((file) => `${file.policy.padEnd(8)} ${file.path}`).sort()).toEqual([
      'owned    src/infrastructure/messaging/nats/broker.ts',
      'owned    src/infrastructure/messaging/nats/connection.ts',
      'owned    src/infrastructure/messaging/nats/consumer.ts',
      'owned    src/infrastructure/messaging/nats/index.ts',
      'owned    src/infrastructure/messaging/nats/max-deliveries.ts',
      'owned    src/infrastructure/messaging/nats/nats-message.ts',
      'owned    src/infrastructure/messaging/nats/publish.ts',
      'owned    src/infrastructure/messaging/nats/publisher.ts',
      'owned    src/infrastructure/messaging/nats/topology.ts',
      'owned    test/messaging/nats.acceptance.test.ts',
      'owned    test/messaging/nats.harness.ts',
      'scaffold src/infrastructure/messaging/nats/config.ts',
    ]);
    expect(files.some((file) => file.path.includes('rabbitmq'))).toBe(false);
    expect(dataOf(files, '/messaging.ts')).toMatchObject({
      brokers: [{ kind: 'nats', brokerClass: 'NatsBroker', configFromEnv: 'natsConfigFromEnv' }],
    });
  });

  it('plans every messaging template and every runtime source (the outbox\'s with add outbox, the projections\' with generate projection), each runtime source where its folder says', () => {
    const files = [
      ...planMessaging({ model: orderModel(false), context: projectContext(), brokers: ['rabbitmq', 'kafka', 'nats'] }).files,
      ...planOutboxRuntime(projectContext()).files,
      ...planProjectionRuntime(projectContext()).files,
    ];
    const templates = files.flatMap((file) => ('template' in file ? [file.template.replace(/^messaging\//, '')] : []));
    const runtime = filesUnder(path.join(repoRoot, 'templates/messaging/runtime'));
    expect(templates.sort()).toEqual(filesUnder(path.join(repoRoot, 'templates/messaging')).filter((file) => !file.startsWith('runtime/')).sort());
    const destinations: Record<string, string> = { messaging: 'src/infrastructure/messaging', acceptance: 'test/messaging' };
    const expected = runtime.map((file) => file.replace(/^[^/]+/, (top) => destinations[top] ?? top));
    expect(files.filter((file) => 'runtime' in file).map((file) => file.path).sort()).toEqual(expected.sort());
  });

  it('writes runtime sources with the project\'s import suffix and the owned or scaffold header', () => {
    const context = { ...projectContext(), importSuffix: '' as const };
    const files = renderAll(createRenderer({ projectRoot: context.root }), planMessaging({ model: orderModel(true), context, brokers: ['rabbitmq'] }).files);
    const content = (suffix: string) => files.find((candidate) => candidate.path.endsWith(suffix))?.content ?? '';
    expect(content('/rabbitmq/broker.ts')).toMatch(/^\/\/ Generated by infragen — do not edit\..*\nimport /);
    expect(content('/rabbitmq/broker.ts')).toContain("import { deadLetterHeaders, readDeadLetter } from '../shared/delivery';");
    expect(content('/rabbitmq/config.ts')).toMatch(/^\/\/ Scaffolded by infragen; this file is yours to edit/);
    expect(content('test/messaging/rabbitmq.harness.ts')).toContain("import { RabbitMqBroker } from '../../src/infrastructure/messaging/rabbitmq/broker';");
    expect(content('test/messaging/rabbitmq.harness.ts')).toContain("from './harness';");
  });

  it('takes the project\'s override of a runtime source, with its imports adapted and the header added', () => {
    const project = tempRoot();
    try {
      project.write({ '.infragen/templates/messaging/runtime/messaging/shared/logger.ts': "import { x } from './json.js';\nexport const overridden = x;\n" });
      const context = { ...projectContext(project.root), importSuffix: '' as const };
      const planned = planMessaging({ model: orderModel(true), context, brokers: [] }).files;
      const files = renderAll(createRenderer({ projectRoot: project.root, overrideDir: context.options.templates }), planned);
      expect(files.find((file) => file.path.endsWith('/shared/logger.ts'))?.content).toMatch(/^\/\/ Generated by infragen.*\nimport \{ x \} from '\.\/json';\nexport const overridden = x;\n$/);
    } finally {
      project.remove();
    }
  });

  it('generates a port next to the events when the domain has none, as a scaffold', () => {
    const files = planMessaging({ model: orderModel(false), context: projectContext(), brokers: [] }).files;
    expect(files.find((file) => file.path === 'src/domain/order/events/domain-event-publisher.ts')).toMatchObject({ policy: 'scaffold', data: { portName: 'DomainEventPublisher' } });
    expect(files.some((file) => file.path.includes('rabbitmq'))).toBe(false);
  });

  it('computes each field codec in the model, not in the template', () => {
    const events = dataOf(planMessaging({ model: orderModel(true), context: projectContext(), brokers: [] }).files, '/events.ts');
    expect(events).toMatchObject({
      events: [
        {
          className: 'OrderPlaced',
          orderingKey: 'event.orderId.value',
          occurredAt: 'event.occurredAt',
          construct: 'new OrderPlaced(new OrderId(orderId), total, lines, occurredAt, note)',
          fields: expect.arrayContaining([
            expect.objectContaining({ name: 'note', presence: 'optional', encode: 'event.note ?? null' }),
            expect.objectContaining({ name: 'occurredAt', encode: 'event.occurredAt.toISOString()', decoder: 'decode.date' }),
          ]),
        },
        {
          className: 'OrderShipped',
          construct: 'OrderShipped.create({ orderId: new OrderId(orderId), status: status, carrier: carrier, occurredAt: occurredAt })',
          fields: expect.arrayContaining([expect.objectContaining({ name: 'status', decoder: 'decode.oneOf(Object.values(OrderStatus))' })]),
        },
      ],
      imports: [
        { from: '../../domain/order/events/order-placed.js', names: 'OrderPlaced' },
        { from: '../../domain/order/events/order-shipped.js', names: 'OrderShipped' },
        { from: '../../domain/order/order-id.js', names: 'OrderId' },
        { from: '../../domain/order/order-status.js', names: 'OrderStatus' },
      ],
    });
  });

  it('refuses events it cannot serialize, reporting every problem at once', () => {
    const model = orderModel(true);
    model.events = [
      {
        ...orderPlaced,
        fields: [
          ...orderPlaced.fields,
          { ...orderPlaced.fields[1]!, name: 'secret', accessor: { kind: 'none' } },
          { ...orderPlaced.fields[1]!, name: 'customer', type: { kind: 'entity', name: 'Customer', list: false }, declaredType: writtenType({ kind: 'entity', name: 'Customer' }, 'Customer') },
        ],
      },
    ];
    const result = planMessaging({ model, context: projectContext(), brokers: ['rabbitmq'] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message])).toEqual([
      ['IG701', 'error', 'Event field "secret" is not publicly readable'],
      ['IG702', 'error', 'Event field "customer" (Customer): fields holding a whole entity cannot travel in an event'],
    ]);
  });

  it('plans the Kafka adapter, its config scaffold and its harness for --broker kafka', () => {
    const files = planMessaging({ model: orderModel(true), context: projectContext(), brokers: ['rabbitmq', 'kafka'] }).files;
    const kafkaFiles = files.filter((file) => file.path.includes('/kafka/') || file.path.includes('/kafka.'));
    expect(kafkaFiles.map((file) => `${file.policy.padEnd(8)} ${file.path}`).sort()).toEqual([
      'owned    src/infrastructure/messaging/kafka/broker.ts',
      'owned    src/infrastructure/messaging/kafka/connection.ts',
      'owned    src/infrastructure/messaging/kafka/consumer.ts',
      'owned    src/infrastructure/messaging/kafka/index.ts',
      'owned    src/infrastructure/messaging/kafka/kafka-message.ts',
      'owned    src/infrastructure/messaging/kafka/partition-retry.ts',
      'owned    src/infrastructure/messaging/kafka/publisher.ts',
      'owned    src/infrastructure/messaging/kafka/topology.ts',
      'owned    test/messaging/kafka.acceptance.test.ts',
      'owned    test/messaging/kafka.harness.ts',
      'scaffold src/infrastructure/messaging/kafka/config.ts',
    ]);
    expect(dataOf(files, '/messaging.ts')).toMatchObject({
      brokers: [
        { kind: 'rabbitmq', brokerClass: 'RabbitMqBroker', configFromEnv: 'rabbitMqConfigFromEnv' },
        { kind: 'kafka', brokerClass: 'KafkaBroker', configFromEnv: 'kafkaConfigFromEnv' },
      ],
    });
  });

  it('pins the packages the generated code needs', () => {
    expect(messagingDependencies(['rabbitmq'])).toEqual([
      { name: 'amqplib', version: '2.3.1', dev: false },
      { name: 'vitest', version: '4.1.12', dev: true },
      { name: 'jiti', version: '2.7.0', dev: true },
    ]);
    expect(messagingDependencies(['nats'])[0]).toEqual({ name: 'nats', version: '2.29.3', dev: false });
    expect(messagingDependencies(['kafka'])[0]).toEqual({ name: 'kafkajs', version: '2.2.4', dev: false });
  });
});

describe('choosing the broker in a project with several', () => {
  it('regenerates messaging.ts with every broker, picked by MESSAGING_BROKER or by the address that is set', () => {
    const context = projectContext();
    const planned = planMessaging({ model: orderModel(true), context, brokers: ['rabbitmq', 'nats'] }).files;
    const text = renderAll(createRenderer({ projectRoot: context.root }), planned).find((file) => file.path.endsWith('/messaging/messaging.ts'))!.content;
    expect(planned.find((file) => file.path.endsWith('/messaging/messaging.ts'))?.policy).toBe('owned');
    expect(text).toContain("const broker = env['MESSAGING_BROKER'] || brokerWithAddress(env);");
    expect(text).toContain("  if (env['AMQP_URL']) return 'rabbitmq';\n  if (env['NATS_URL']) return 'nats';\n  return 'memory';");
    expect(text).toContain("    case 'nats':\n      return new NatsBroker(");
  });

  it('tells the user which line their composition root needs when it picks the broker itself', () => {
    const context = projectContext();
    const container = [
      'export function messagingEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {',
      "  if (env['MESSAGING_BROKER']) return env;",
      "  if (env['AMQP_URL']) return { ...env, MESSAGING_BROKER: 'rabbitmq' };",
      "  return { ...env, MESSAGING_BROKER: 'memory' };",
      '}',
    ].join('\n');
    const result = planCompositionRootHints(new MemoryTree({ 'src/infrastructure/container.ts': container }), context, ['nats', 'rabbitmq']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'IG707',
        severity: 'warning',
        location: { file: 'src/infrastructure/container.ts', line: 4, column: 1 },
        hint: "add this line before line 4: if (env['NATS_URL']) return { ...env, MESSAGING_BROKER: 'nats' };",
      }),
    ]);
    expect(planCompositionRootHints(new MemoryTree({ 'src/infrastructure/container.ts': 'createMessageBroker(env);\n' }), context, ['nats']).diagnostics).toEqual([]);
  });
});
