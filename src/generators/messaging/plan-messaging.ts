import path from 'node:path';
import { throwIfErrors, type Diagnostic } from '../../diagnostics.js';
import type { DomainModel, EventPublisherPortModel } from '../../model/domain.js';
import { promiseOf, writtenType } from '../../model/types.js';
import type { ProjectContext } from '../../project/context.js';
import { importPath } from '../../project/import-path.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';
import { messagingDiagnostic } from './errors.js';
import { eventView, type EventView } from './event-view.js';
import { publisherPortView } from './publisher-port-view.js';
import { acceptanceSuite, brokerAdapters, memoryAcceptance, memoryRuntime, sharedRuntime, type TemplateEntry } from './templates.js';
import type { Broker } from '../../config/brokers.js';

export interface PlanMessagingInput {
  model: DomainModel;
  context: ProjectContext;
  brokers: readonly Broker[];
}

const generator = 'messaging';
const brokerNames: Record<Broker, string> = { rabbitmq: 'RabbitMQ', kafka: 'Kafka', nats: 'NATS JetStream' };
/** Where the acceptance suite goes in the user's project. */
export const acceptanceDir = 'test/messaging';
const generatedPortName = 'DomainEventPublisher';

interface ImportLine {
  from: string;
  names: string;
}

function groupImports(fromFile: string, imports: readonly { name: string; file: string }[], context: ProjectContext): ImportLine[] {
  const byFile = new Map<string, Set<string>>();
  for (const { name, file } of imports) byFile.set(file, (byFile.get(file) ?? new Set()).add(name));
  return [...byFile]
    .map(([file, names]) => ({ from: importPath(fromFile, file, context), names: [...names].sort().join(', ') }))
    .sort((a, b) => a.from.localeCompare(b.from));
}

/** The port the domain publishes through: its own, or one generated next to its events. */
function publisherPort(model: DomainModel): { port: EventPublisherPortModel; generated: boolean } {
  const own = model.eventPublisherPorts[0];
  if (own !== undefined) return { port: own, generated: false };
  const domainDir = model.events[0] ? path.posix.dirname(model.events[0].source.file) : 'src/domain';
  const file = `${domainDir}/domain-event-publisher.ts`;
  const location = { file, line: 1, column: 1 };
  const object = { kind: 'other', text: 'object' } as const;
  const done = promiseOf(writtenType({ kind: 'void' }, 'void'));
  return {
    generated: true,
    port: {
      name: generatedPortName,
      source: { ...location, exportName: generatedPortName },
      typeReferences: [],
      methods: [
        { name: 'publish', parameters: [{ name: 'event', type: writtenType(object, 'object'), optional: false }], returnType: done, location },
        { name: 'publishAll', parameters: [{ name: 'events', type: writtenType(object, 'readonly object[]', true), optional: false }], returnType: done, location },
      ],
    },
  };
}

/**
 * Plans the messaging layer: the broker-agnostic runtime, the in-memory broker, one adapter per broker,
 * the typed event map of the domain's events, the publisher behind the domain's port, and the acceptance
 * suite. Throws a `UserError` listing every event or port it cannot generate code for.
 */
export function planMessaging({ model, context, brokers }: PlanMessagingInput): TemplatePlannedFile[] {
  const messagingDir = context.options.paths.messaging;
  const diagnostics: Diagnostic[] = [];
  const events: EventView[] = [];
  const seenTypes = new Map<string, string>();
  for (const event of model.events) {
    const view = eventView(event, model);
    if (Array.isArray(view)) diagnostics.push(...view);
    else events.push(view);
    const clash = seenTypes.get(event.eventType);
    if (clash !== undefined) diagnostics.push(messagingDiagnostic('duplicateEventType', `${event.name} and ${clash} share the event type "${event.eventType}"`, event.source));
    seenTypes.set(event.eventType, event.name);
  }
  const { port, generated } = publisherPort(model);
  const portView = publisherPortView(port);
  if (Array.isArray(portView)) diagnostics.push(...portView);
  const adapters = brokers.map((broker) => ({ broker, templates: brokerAdapters[broker] }));
  for (const { broker, templates } of adapters) {
    if (templates !== undefined) continue;
    const available = Object.keys(brokerAdapters).sort();
    diagnostics.push(
      messagingDiagnostic(
        'adapterNotAvailable',
        `The ${brokerNames[broker]} messaging adapter is not available yet: infragen cannot generate messaging for --broker ${broker}`,
        undefined,
        `choose one of the available adapters (--broker ${available.join(' or --broker ')}); the in-memory broker is always generated`,
      ),
    );
  }
  throwIfErrors(diagnostics, 'Cannot generate messaging for this domain');
  if (Array.isArray(portView)) return [];

  const common = { importSuffix: context.importSuffix, messagingImport: path.posix.relative(acceptanceDir, messagingDir) };
  const plan = (entries: readonly TemplateEntry[], dir: string, data: object = {}): TemplatePlannedFile[] =>
    entries.map((entry) => ({ path: `${dir}/${entry.output}`, template: `messaging/${entry.template}`, data: { ...common, ...data }, policy: entry.policy, generator }));

  const eventsFile = `${messagingDir}/events.ts`;
  const adapterFile = `${messagingDir}/domain-event-publisher.ts`;
  const available = adapters.flatMap(({ broker, templates }) => (templates ? [{ broker, ...templates }] : []));
  return [
    ...plan(sharedRuntime, messagingDir),
    ...plan(memoryRuntime, messagingDir),
    ...available.flatMap((adapter) => plan(adapter.runtime, messagingDir)),
    ...plan([{ template: 'events.ts.hbs', output: 'events.ts', policy: 'owned' }], messagingDir, {
      events,
      imports: groupImports(eventsFile, events.flatMap((event) => event.imports), context),
      usesJson: events.some((event) => event.fields.some((field) => field.encode.includes('as JsonValue'))),
    }),
    ...plan([{ template: 'domain-event-publisher.ts.hbs', output: 'domain-event-publisher.ts', policy: 'owned' }], messagingDir, {
      ...portView,
      portImport: importPath(adapterFile, port.source.file, context),
      typeImports: groupImports(
        adapterFile,
        port.typeReferences.flatMap((reference) => (reference.file && reference.name !== port.name ? [{ name: reference.name, file: reference.file }] : [])),
        context,
      ),
    }),
    ...(generated ? plan([{ template: 'domain/domain-event-publisher.ts.hbs', output: path.posix.basename(port.source.file), policy: 'scaffold' }], path.posix.dirname(port.source.file), { portName: port.name }) : []),
    ...plan([{ template: 'messaging.ts.hbs', output: 'messaging.ts', policy: 'scaffold' }], messagingDir, {
      brokers: available.map(({ broker, factory }) => ({ kind: broker, ...factory })),
    }),
    ...plan([{ template: 'index.ts.hbs', output: 'index.ts', policy: 'owned' }], messagingDir, { adapterName: portView.adapterName }),
    ...plan(acceptanceSuite, acceptanceDir),
    ...plan(memoryAcceptance, acceptanceDir),
    ...available.flatMap((adapter) => plan(adapter.acceptance, acceptanceDir)),
  ];
}
