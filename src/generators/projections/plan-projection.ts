import path from 'node:path';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { DomainModel, SourceLocation } from '../../model/domain.js';
import { capitalizedName, propertyName } from '../../model/names.js';
import type { ReadModel } from '../../model/read-model.js';
import { formatSchema, lineAndColumn, lintSchema } from '../../prisma/schema-wasm.js';
import type { ProjectContext } from '../../project/context.js';
import { tsString } from '../../render/literals.js';
import { runtimeOutputPath, type RuntimeDestinations } from '../../render/runtime-paths.js';
import type { PlannedFile, RuntimePlannedFile, TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, info, nextStep, refused, type GeneratorNote, type GeneratorResult } from '../generator-result.js';
import { missingOutboxModels, outboxInstalled } from '../outbox/index.js';
import { planScripts } from '../package-json/index.js';
import { clientOutput, mergeSchema, printDatasource, printGenerator } from '../prisma-schema/index.js';
import { ImportSet } from '../repos/imports.js';
import { checkpointModel } from './checkpoint-model.js';
import { handlerPlan, type HandlerPlan } from './handler-plan.js';
import { handlerOffset, hasHandler, importsName, projectorInsertion, projectorObject } from './projector-additions.js';
import { keyField, storedFields, type StoredField } from './read-model-fields.js';
import { readModelBlock } from './read-model-schema.js';

const generator = 'projection';

/** The projection runtime, under `templates/messaging/runtime/messaging/projections/`. */
export const projectionRuntimeSources: readonly string[] = ['messaging/projections/projection.ts'];

export interface ProjectionRequest {
  /** The read model's interface name, as typed on the command line. */
  name: string;
  /** The read model, when a read-model file declares it. */
  readModel: ReadModel | undefined;
  /** Where read models were looked for, for the message when none is found. */
  readModelFolder: string;
  /** The `--from` event class names. */
  from: readonly string[];
  /** Write again the handlers of listed events that the user deleted from the projector (`--restore-handlers`). */
  restoreHandlers?: boolean;
  model: DomainModel;
  context: ProjectContext;
  tree: ProjectTree;
}

/** `src/infrastructure/repos` → `src/infrastructure/projections`: beside the repositories. */
export function projectionsFolder(context: ProjectContext): string {
  return path.posix.join(path.posix.dirname(context.options.paths.repos), 'projections');
}

function sourceEvents(request: ProjectionRequest): ProjectionPlanEvents | Diagnostic[] {
  const known = new Map(request.model.events.map((event) => [event.name, event]));
  const unknown = request.from.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const names = [...known.keys()].join(', ') || 'none';
    return unknown.map((name) =>
      errorDiagnostic('IG804', `--from ${name}: no domain event is named ${name}`, undefined, `name domain event classes (the domain declares: ${names})`),
    );
  }
  return [...new Set(request.from)].map((name) => known.get(name)!);
}

type ProjectionPlanEvents = DomainModel['events'];

/**
 * The package.json script that runs the rebuild entry through jiti (as the seeds run), added when the project
 * has none of that name (a script the user wrote is left alone).
 */
export function planRebuildScript(tree: ProjectTree, context: ProjectContext, readModel: string): GeneratorResult {
  const names = projectionNames(readModel, 'id', projectionsFolder(context));
  return planScripts(tree, { [names.rebuildScript]: `node --import jiti/register ${names.files.rebuild}` }, generator);
}

/** Whether an earlier `generate projection` wrote the runtime, so that regenerating the messaging layer keeps it. */
export function projectionsInstalled(context: ProjectContext, tree: ProjectTree): boolean {
  return tree.exists(`${context.options.paths.messaging}/projections/projection.ts`);
}

/** The projection runtime alone (owned), for `add messaging`, which claims the whole messaging folder. */
export function planProjectionRuntime(context: ProjectContext): GeneratorResult {
  return generated(runtimeFiles(context));
}

function runtimeFiles(context: ProjectContext): RuntimePlannedFile[] {
  const destinations: RuntimeDestinations = { messaging: context.options.paths.messaging };
  return projectionRuntimeSources.map((source) => ({
    path: runtimeOutputPath(source, destinations)!,
    policy: 'owned',
    generator,
    runtime: { file: `messaging/runtime/${source}`, source, destinations, importSuffix: context.importSuffix, header: 'messaging/_partials/owned-header.hbs' },
  }));
}

function mergedSchema(request: ProjectionRequest, block: ReturnType<typeof readModelBlock>): { content: string; changed: boolean } | Diagnostic[] {
  const { context, tree } = request;
  const file = context.options.paths.schema;
  const existing = tree.read(file);
  const merged = mergeSchema(existing, file, {
    owned: [block, checkpointModel],
    missing: [],
    header: [
      printGenerator({ output: clientOutput(context), esm: context.moduleFormat === 'esm' && context.importSuffix === '.js' }),
      printDatasource(context.prismaProvider),
    ],
  });
  if (typeof merged !== 'string') return [merged];
  const content = formatSchema(merged);
  const problems = lintSchema(content).filter((problem) => !problem.warning);
  if (problems.length > 0) {
    return problems.map((problem) =>
      errorDiagnostic(
        'IG302',
        `Prisma rejects ${file} with the read model ${block.name} merged in: ${problem.message}`,
        { file, line: problem.line, column: problem.column },
        `a hand-written block clashes with ${block.name} or ProjectionCheckpoint (or their tables); rename yours`,
      ),
    );
  }
  return { content, changed: content !== existing };
}

/** Names shared by the three files of one projection. */
export interface ProjectionNames {
  /** `ticket-summary`: the consumer group, the inbox consumer and the checkpoint key. */
  projection: string;
  /** `ticketSummary`: Prisma Client's delegate. */
  delegate: string;
  projector: string;
  projectionFactory: string;
  consumerFactory: string;
  rebuild: string;
  checkpoint: string;
  queries: string;
  filter: string;
  order: string;
  page: string;
  toReadModel: string;
  findByKey: string;
  files: { projector: string; projection: string; queries: string; rebuild: string };
  /** The package.json script that runs the rebuild. */
  rebuildScript: string;
}

export function projectionNames(readModel: string, key: string, folder: string): ProjectionNames {
  const kebab = readModel
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  const camel = propertyName(readModel);
  return {
    projection: kebab,
    delegate: camel,
    projector: `${camel}Projector`,
    projectionFactory: `${camel}Projection`,
    consumerFactory: `${camel}Consumer`,
    rebuild: `rebuild${readModel}`,
    checkpoint: `${camel}Checkpoint`,
    queries: `${readModel}Queries`,
    filter: `${readModel}Filter`,
    order: `${readModel}Order`,
    page: `${readModel}Page`,
    toReadModel: `to${readModel}`,
    findByKey: `findBy${capitalizedName(key)}`,
    files: {
      projector: `${folder}/${kebab}.projector.ts`,
      projection: `${folder}/${kebab}.projection.ts`,
      queries: `${folder}/${kebab}.queries.ts`,
      rebuild: `${folder}/rebuild-${kebab}.ts`,
    },
    rebuildScript: `projection:rebuild:${kebab}`,
  };
}

/** `row.status as TicketSummary['status']`, `...(row.note !== null && { note: row.note })`: the row → read-model expression per field. */
function readBack(stored: StoredField, readModel: string): string {
  const { name, optional } = stored.field;
  const value = stored.castOnRead ? `row.${name} as ${readModel}[${tsString(name)}]` : `row.${name}`;
  return optional ? `...(row.${name} !== null && { ${name}: ${value} })` : `${name}: ${value}`;
}

function templateFile(template: string, file: string, policy: TemplatePlannedFile['policy'], data: object): TemplatePlannedFile {
  return { path: file, template, policy, generator, data };
}

/**
 * `generate projection <ReadModel> --from <Event...>`: the read model's table and the checkpoints in the
 * schema, a projector with one typed handler per event (scaffold: the handlers are the user's), the
 * projection's wiring (inbox-guarded consumer, rebuild, checkpoint) and its query repository (owned), and the
 * projection runtime. Handlers infragen cannot infer are listed as IG805.
 */
export function planProjection(request: ProjectionRequest): GeneratorResult {
  const { context, tree, readModel } = request;
  const { messaging } = context.options.paths;
  if (!outboxInstalled(context, tree)) {
    return refused([
      errorDiagnostic(
        'IG806',
        `projections read events through the inbox, and ${messaging}/outbox/ does not exist yet`,
        undefined,
        'run `infragen add messaging --broker <…>` and `infragen add outbox` first',
      ),
    ]);
  }
  const missingModels = missingOutboxModels(context, tree);
  if (missingModels) return refused([missingModels]);
  if (!readModel) {
    return refused([
      errorDiagnostic(
        'IG801',
        `no interface named ${request.name} in ${request.readModelFolder}`,
        undefined,
        `declare the read model as \`export interface ${request.name} { … }\` in a file under ${request.readModelFolder} (or pass --read-models <folder>)`,
      ),
    ]);
  }
  const events = sourceEvents(request);
  if (!Array.isArray(events) || events.some((event) => 'code' in event)) return refused(events as Diagnostic[]);
  const eventModels = events as ProjectionPlanEvents;
  const fields = storedFields(readModel);
  if (fields.some((field) => 'code' in field)) return refused(fields as Diagnostic[]);
  const stored = fields as StoredField[];
  const key = keyField(readModel, stored, eventModels);
  if ('code' in key) return refused([key]);

  const folder = projectionsFolder(context);
  const names = projectionNames(readModel.name, key.field.name, folder);
  const block = readModelBlock(readModel, stored, key, context.options.naming, names.projection);
  const schema = mergedSchema(request, block);
  if (Array.isArray(schema)) return refused(schema);

  const handlers = eventModels.map((event) => handlerPlan(event, readModel.name, names.delegate, stored, key, request.model.valueObjects));
  const clientFile = `${context.options.paths.prismaClientOutput}/client.ts`;
  const runtimeFile = `${messaging}/projections/projection.ts`;

  const projector = projectorFile(request, names, handlers, clientFile);

  const projectionImports = new ImportSet(names.files.projection, context);
  for (const [name, typeOnly] of [
    ['Prisma', true],
    ['PrismaClient', true],
  ] as const)
    projectionImports.add(name, clientFile, { typeOnly });
  for (const event of eventModels) projectionImports.add(event.source.exportName, event.source.file);
  projectionImports.add('domainEvents', `${messaging}/events.ts`);
  projectionImports.add('DomainEvents', `${messaging}/events.ts`, { typeOnly: true });
  for (const name of ['MessageBroker', 'MessageConsumer']) projectionImports.add(name, `${messaging}/shared/ports.ts`, { typeOnly: true });
  projectionImports.add('schemaOfDatabaseUrl', `${messaging}/outbox/sql-client.ts`);
  for (const name of ['handlerFor', 'projectionHandlers', 'projectionTables', 'readCheckpoint', 'rebuildProjection']) projectionImports.add(name, runtimeFile);
  for (const name of ['Checkpoint', 'Projection', 'ProjectionOptions', 'RebuildOptions', 'RebuildResult'])
    projectionImports.add(name, runtimeFile, { typeOnly: true });
  projectionImports.add(names.projector, names.files.projector);

  const queryImports = new ImportSet(names.files.queries, context);
  queryImports.add('Prisma', clientFile, { typeOnly: true });
  queryImports.add('PrismaClient', clientFile, { typeOnly: true });
  queryImports.add(readModel.source.exportName, readModel.source.file, { typeOnly: true });

  const rebuildImports = new ImportSet(names.files.rebuild, context);
  rebuildImports.add('PrismaPg', '@prisma/adapter-pg', { external: true });
  rebuildImports.add('PrismaClient', clientFile);
  rebuildImports.add('schemaOfDatabaseUrl', `${messaging}/outbox/sql-client.ts`);
  rebuildImports.add(names.rebuild, names.files.projection);

  const nonKey = stored.filter((field) => field !== key);
  const union = (items: readonly string[]) => (items.length > 0 ? items.map(tsString).join(' | ') : 'never');
  const files: PlannedFile[] = [
    { path: context.options.paths.schema, policy: 'merged', generator, format: false, content: schema.content },
    projector.file,
    templateFile('projections/projection.ts.hbs', names.files.projection, 'owned', {
      imports: projectionImports.lines(),
      readModel: readModel.name,
      names,
      projectionLiteral: tsString(names.projection),
      eventClasses: eventModels.map((event) => ({ className: event.source.exportName, method: `${names.projector}.on${event.name}` })),
    }),
    templateFile('projections/queries.ts.hbs', names.files.queries, 'owned', {
      imports: queryImports.lines(),
      readModel: readModel.name,
      names,
      key: { name: key.field.name, type: key.prismaType === 'Int' ? 'number' : 'string' },
      keyLiteral: tsString(key.field.name),
      filterFields: union(nonKey.map((field) => field.field.name)),
      orderFields: stored.map((field) => field.field.name),
      orderUnion: union(stored.map((field) => field.field.name)),
      readBack: stored.map((field) => readBack(field, readModel.name)),
    }),
    templateFile('projections/rebuild.ts.hbs', names.files.rebuild, 'owned', {
      imports: rebuildImports.lines(),
      readModel: readModel.name,
      names,
      projection: names.projection,
      scriptName: names.rebuildScript,
    }),
    ...runtimeFiles(context),
  ];
  const diagnostics = [...projector.diagnostics, ...projector.toFill.map((handler) => unwrittenHandler(handler, readModel.name, names.files.projector))];
  const notes = [
    ...projector.notes,
    ...(schema.changed ? [info(`${context.options.paths.schema} gets the ${readModel.name} and ProjectionCheckpoint models`)] : []),
    ...handlers
      .filter((handler) => handler.kind !== 'to-fill')
      .map((handler) => info(`${names.projector}.${handler.method}: inferred (${handler.kind} of ${handler.filled.join(', ') || key.field.name})`)),
    nextStep(`run \`infragen generate migration add-${names.projection}\` (unless you passed --migration), then \`npx prisma generate\``),
  ];
  return generated(files, { diagnostics, notes });
}

function handlerData(handler: HandlerPlan) {
  return { method: handler.method, eventClass: handler.event.source.exportName, doc: handler.doc, body: handler.body };
}

interface ProjectorPlan {
  file: PlannedFile;
  /** Handlers still to fill: new ones, and earlier ones whose throw is still there. */
  toFill: HandlerPlan[];
  notes: GeneratorNote[];
  /** Handlers the user deleted whose event is still listed, and handlers of events no longer listed (IG807, IG808). */
  diagnostics: Diagnostic[];
}

/**
 * The projector: scaffolded with every handler when it does not exist; else the user's file, kept, with handlers added
 * only for events infragen has not written a handler for before (the manifest records which it wrote), so a handler
 * the user deleted stays deleted (reported, IG807; `--restore-handlers` writes it again). A handler of an event no
 * longer in --from is kept and reported (IG808), never deleted. Added handlers are formatted as the workspace formats
 * other output; the rest of the file is kept byte for byte (`merged`: read and added to, never rewritten).
 */
function projectorFile(request: ProjectionRequest, names: ProjectionNames, handlers: readonly HandlerPlan[], clientFile: string): ProjectorPlan {
  const { context, tree, readModel } = request;
  const path = names.files.projector;
  const toFill = (list: readonly HandlerPlan[]) => list.filter((handler) => handler.kind === 'to-fill');
  const imports = new ImportSet(path, context);
  imports.add('Prisma', clientFile, { typeOnly: true });
  for (const handler of handlers) imports.add(handler.event.source.exportName, handler.event.source.file, { typeOnly: true });
  // Written when the file does not exist (or with --force), kept otherwise.
  const scaffold = (recorded: readonly string[]): PlannedFile => ({
    ...templateFile('projections/projector.ts.hbs', path, 'scaffold', {
      imports: imports.lines(),
      readModel: readModel!.name,
      projector: names.projector,
      handlers: handlers.map(handlerData),
    }),
    handlers: recorded,
  });
  const listed = handlers.map((handler) => handler.event.name);
  const existing = tree.read(path);
  if (existing === undefined) return { file: scaffold(listed), toFill: toFill(handlers), notes: [], diagnostics: [] };

  // A projector written before infragen recorded its handlers: the ones it lacks are added, as then.
  const recorded = new Set(tree.recordedHandlers?.(path) ?? []);
  const present = (method: string) => hasHandler(existing, method, names.projector);
  const missing = handlers.filter((handler) => !present(handler.method));
  const deleted = missing.filter((handler) => recorded.has(handler.event.name) && !request.restoreHandlers);
  const added = missing.filter((handler) => !deleted.includes(handler));
  const unlisted = [...recorded].filter((event) => !listed.includes(event) && present(`on${event}`));
  const diagnostics = [
    ...deleted.map((handler) => deletedHandler(handler, names, existing)),
    ...unlisted.map((event) => unlistedHandler(event, names, existing)),
  ];
  const stillToFill = toFill(handlers).filter((handler) => !missing.includes(handler) && existing.includes(`the handler of ${handler.event.name} is not written yet`));
  // What the manifest records: every listed event (the ones added only once they are written), and the unlisted ones still handled.
  const notAdded = new Set(added.map((handler) => handler.event.name));
  const record = (addedWritten: boolean) => [...listed.filter((event) => addedWritten || !notAdded.has(event)), ...unlisted];
  if (added.length === 0) return { file: scaffold(record(false)), toFill: stillToFill, notes: [], diagnostics };

  const addedImports = new ImportSet(path, context);
  for (const handler of added) {
    if (!importsName(existing, handler.event.source.exportName)) addedImports.add(handler.event.source.exportName, handler.event.source.file, { typeOnly: true });
  }
  const methods = added.map((handler) => handler.method).join(', ');
  const insertion = projectorInsertion(existing, names.projector, addedImports.lines());
  if (insertion === undefined) {
    const note = info(`${path} has no \`export const ${names.projector} = {…}\` infragen can add to: write ${methods} in it yourself (tsc points at them)`);
    return { file: scaffold(record(false)), toFill: stillToFill, notes: [note], diagnostics };
  }
  const file: PlannedFile = {
    ...templateFile('projections/projector-additions.ts.hbs', path, 'merged', { ...insertion, handlers: added.map(handlerData) }),
    formatBetween: { head: insertion.head, tail: insertion.tail },
    handlers: record(true),
  };
  const restored = added.filter((handler) => recorded.has(handler.event.name));
  const what = restored.length === added.length ? 'written again in' : 'added to';
  return {
    file,
    toFill: [...stillToFill, ...toFill(added)],
    notes: [info(`${names.projector}: ${methods} ${what} your projector; the rest of it kept as it is`)],
    diagnostics,
  };
}

function locationIn(file: string, text: string, offset: number): SourceLocation {
  return { file, ...lineAndColumn(text, offset) };
}

function deletedHandler(handler: HandlerPlan, names: ProjectionNames, text: string): Diagnostic {
  const object = projectorObject(text, names.projector);
  return warningDiagnostic(
    'IG807',
    `${names.projector}.${handler.method} was deleted from the projector, and ${handler.event.name} is still in --from: not written again (the projection still routes ${handler.event.name} to it, so tsc reports it missing)`,
    locationIn(names.files.projector, text, object?.declaration ?? 0),
    `pass --restore-handlers to have infragen write it again, or leave ${handler.event.name} out of --from`,
  );
}

function unlistedHandler(event: string, names: ProjectionNames, text: string): Diagnostic {
  const method = `on${event}`;
  return warningDiagnostic(
    'IG808',
    `${names.projector}.${method} handles ${event}, which is no longer in --from: the projection no longer calls it; kept`,
    locationIn(names.files.projector, text, handlerOffset(text, method, names.projector) ?? 0),
    `delete it yourself when you no longer need it, or list ${event} in --from again`,
  );
}

function unwrittenHandler(handler: HandlerPlan, readModel: string, file: string): Diagnostic {
  const location: SourceLocation = handler.event.source;
  return warningDiagnostic(
    'IG805',
    `${readModel} projection: the handler of ${handler.event.name} is generated as a place to fill (it throws until written)`,
    location,
    `${handler.reason ?? 'its body needs your intent'}: write ${handler.method} in ${file}`,
  );
}
