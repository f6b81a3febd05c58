import path from 'node:path';
import { hasErrors, InternalError, type Diagnostic } from '../../diagnostics.js';
import type { DomainModel, EventPublisherPortModel } from '../../model/domain.js';
import { promiseOf, writtenType } from '../../model/types.js';
import type { ProjectContext } from '../../project/context.js';
import { importPath } from '../../project/import-path.js';
import { runtimeOutputPath, type RuntimeDestinations } from '../../render/runtime-paths.js';
import type { ConflictPolicy, RuntimePlannedFile, TemplatePlannedFile } from '../../workspace/planned-file.js';
import { generated, refused, type GeneratorResult } from '../generator-result.js';
import { messagingDiagnostic } from './errors.js';
import { eventView, type EventView } from './event-view.js';
import { publisherPortView } from './publisher-port-view.js';
import { acceptanceSuite, brokerAdapters, memoryAcceptance, memoryRuntime, runtimeRoot, sharedRuntime, type RuntimeEntry } from './templates.js';
import { brokerInfo, type Broker } from '../../config/brokers.js';
import { tsString } from '../../render/literals.js';

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

/** Plans runtime sources, emitted by the render stage with the project's import suffix and the owned or scaffold header. */
function runtimeFiles(context: ProjectContext, destinations: RuntimeDestinations): (entries: readonly RuntimeEntry[]) => RuntimePlannedFile[] {
  return (entries) =>
    entries.map(({ source, policy }) => {
      const header = `messaging/_partials/${policy === 'scaffold' ? 'scaffold' : 'owned'}-header.hbs`;
      const path = runtimeOutputPath(source, destinations);
      if (path === undefined) throw new InternalError(`runtime source ${source} has no destination`);
      return { path, policy, generator, runtime: { file: `${runtimeRoot}/${source}`, source, destinations, importSuffix: context.importSuffix, header } };
    });
}

/**
 * Plans the messaging layer: the broker-agnostic runtime, the in-memory broker, one adapter per broker,
 * the typed event map of the domain's events, the publisher behind the domain's port, and the acceptance
 * suite; nothing, with a diagnostic for every event or port it cannot generate code for, when there is one.
 */
export function planMessaging({ model, context, brokers }: PlanMessagingInput): GeneratorResult {
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
  const { port, generated: portIsGenerated } = publisherPort(model);
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
  if (hasErrors(diagnostics) || Array.isArray(portView)) return refused(diagnostics);

  const eventsFile = `${messagingDir}/events.ts`;
  const adapterFile = `${messagingDir}/domain-event-publisher.ts`;
  const available = adapters.flatMap(({ broker, templates }) => (templates ? [{ broker, ...templates }] : []));
  const runtime = runtimeFiles(context, { messaging: messagingDir, acceptance: acceptanceDir });
  const template = (template: string, file: string, policy: ConflictPolicy, data: object): TemplatePlannedFile => ({
    path: file,
    template: `messaging/${template}`,
    data: { importSuffix: context.importSuffix, ...data },
    policy,
    generator,
  });
  return generated([
    ...runtime([...sharedRuntime, ...memoryRuntime, ...available.flatMap((adapter) => adapter.runtime)]),
    template('events.ts.hbs', eventsFile, 'owned', {
      events,
      imports: groupImports(eventsFile, events.flatMap((event) => event.imports), context),
      typeImports: events.some((event) => event.fields.some((field) => field.encode.includes('as JsonValue')))
        ? groupImports(eventsFile, [{ name: 'JsonValue', file: `${messagingDir}/shared/json.ts` }], context)
        : [],
    }),
    template('domain-event-publisher.ts.hbs', adapterFile, 'owned', {
      ...portView,
      portImport: importPath(adapterFile, port.source.file, context),
      typeImports: groupImports(
        adapterFile,
        port.typeReferences.flatMap((reference) => (reference.file && reference.name !== port.name ? [{ name: reference.name, file: reference.file }] : [])),
        context,
      ),
    }),
    ...(portIsGenerated ? [template('domain/domain-event-publisher.ts.hbs', port.source.file, 'scaffold', { portName: port.name })] : []),
    // Owned, so that adding a broker adds its case; edits the user made are merged into the new output.
    template('messaging.ts.hbs', `${messagingDir}/messaging.ts`, 'owned', {
      brokers: available.map(({ broker, factory }) => ({
        kind: broker,
        kindLiteral: tsString(broker),
        urlVariable: brokerInfo[broker].urlVariable,
        urlLiteral: tsString(brokerInfo[broker].urlVariable),
        ...factory,
        module: `./${broker}/index${context.importSuffix}`,
      })),
    }),
    template('index.ts.hbs', `${messagingDir}/index.ts`, 'owned', { adapterName: portView.adapterName }),
    ...runtime([...acceptanceSuite, ...memoryAcceptance, ...available.flatMap((adapter) => adapter.acceptance)]),
  ]);
}
