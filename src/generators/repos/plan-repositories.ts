import path from 'node:path';
import { warningDiagnostic } from '../../diagnostics.js';
import { accessExpression, accessorPath, type DomainModel, type EntityModel, type RepositoryPortModel } from '../../model/domain.js';
import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';
import { valueObjectOf, type TypeModel } from '../../model/types.js';
import type { ProjectContext } from '../../project/context.js';
import type { RuntimePlannedFile, TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { info, type GeneratorResult } from '../generator-result.js';
import { missingOutboxModels } from '../outbox/outbox-schema-check.js';
import { conventionalMethods, conventionalRole, plannedRole } from './conventional-methods.js';
import { childTableLiteral } from './child-table.js';
import { DomainLookup, UnsupportedMapping } from './domain-lookup.js';
import { ImportSet } from './imports.js';
import { keyColumn, planMapper, positionColumn, scalarTsType } from './mapper-plan.js';
import { planMethod, queryProperties, signatureOf, type MethodView } from './method-plan.js';
import { tsString } from '../../render/literals.js';

export interface RepositoriesRequest {
  domain: DomainModel;
  persistence: PersistenceModel;
  context: ProjectContext;
  /** Entities to generate repositories for; children saved through their aggregate are skipped with a note. */
  entities: readonly string[];
  /** With `--all`, an aggregate infragen cannot map is skipped with a warning instead of stopping the run. */
  skipUnsupported?: boolean;
  /** Write a port into the domain for an aggregate that has none; otherwise the repository implements no port. */
  scaffoldPorts?: boolean;
  /** The project as this run leaves it: with the outbox installed (`add outbox`), `save` writes the aggregate's events to it. */
  tree?: ProjectTree;
}

/** The repositories' runtime modules, under `templates/repos/runtime/repos/` (real TypeScript, tested in place). */
type RepositoryRuntime = 'concurrency.ts' | 'child-changes.ts' | 'child-writes.ts';

export interface PlannedRepositories extends GeneratorResult<TemplatePlannedFile | RuntimePlannedFile> {
  /** What was planned per aggregate, for the planners that build on the repositories (tests). */
  repositories: RepositoryPlan[];
  /** A mapper converts Json columns back through json-values.ts. */
  usesJsonValues?: boolean;
}

export interface RepositoryPlan {
  entity: string;
  className: string;
  repositoryFile: string;
  mapperFile: string;
  /** The port's methods and the conventional ones added, as planned. */
  methods: MethodView[];
  /** The mapper's record functions: the root's first, then its owned children's. */
  records: { entity: string; toRecord: string; keyField: string; accessor?: string; items?: string; optional?: boolean; position?: string }[];
  /** How `save` reads the aggregate's pending events and clears them, when it writes them to the outbox. */
  events?: SavedEvents;
  /** Optimistic concurrency, for a versioned aggregate. */
  version?: SavedVersion;
}

/** How a versioned aggregate's save checks and advances its version. */
export interface SavedVersion {
  /** The Prisma field of the version column. */
  column: string;
  /** The expression giving the version the save expects stored (undefined: a new aggregate), e.g. `trackedVersion(order)`. */
  expected: string;
  /** The domain's own version field, as a TypeScript string literal, which the repository writes after a save. */
  field?: string;
  /** The aggregate type its conflict errors name, and its Prisma model (whose key a create may find taken), as TypeScript string literals. */
  aggregateType: string;
  model: string;
}

/** The events part of a save: `[...order.domainEvents]` (copy) or `order.pullDomainEvents()`, then `order.clearEvents()`. */
export interface SavedEvents {
  /** The member text after `aggregate.`: `domainEvents`, `getUncommittedEvents()`, `pullDomainEvents()`. */
  read: string;
  /** Read into a new array: the member reads the aggregate's own list, which `clear` empties. */
  copy: boolean;
  clear?: string;
  /** For a reader that clears: the method re-recording one event after a failed save, as a string literal (`['record']`: it may be protected). */
  restore?: string;
  /** The aggregate type of its outbox rows, as a TypeScript string literal. */
  aggregateType: string;
}

const generator = 'repos';

/** Plans the repository, mapper and (when the domain has none) port of each selected aggregate. */
export function planRepositories(request: RepositoriesRequest): PlannedRepositories {
  const { domain, persistence, context } = request;
  const lookup = new DomainLookup(domain, persistence);
  const result: PlannedRepositories = { files: [], diagnostics: [], notes: [], repositories: [] };
  const dir = context.options.paths.repos;
  const outbox = request.tree ? outboxFiles(context, request.tree) : undefined;
  for (const name of request.entities) {
    const model = lookup.model(name);
    if (model.owner) {
      result.notes.push(info(`${name} is saved and loaded through its aggregate ${model.owner}: no repository of its own`));
      continue;
    }
    try {
      const planned = planRepository(lookup.entity(name), model, lookup, request, result, outbox);
      // Shared files (enum-member.ts) are planned by every repository that uses them, and written once.
      result.files.push(...planned.filter((file) => !result.files.some((earlier) => earlier.path === file.path)));
    } catch (error) {
      if (!(error instanceof UnsupportedMapping)) throw error;
      result.diagnostics.push({
        code: 'IG401',
        severity: request.skipUnsupported ? 'warning' : 'error',
        message: `${request.skipUnsupported ? 'skipped' : 'cannot generate'} the ${name} repository: ${error.message}`,
        location: error.field?.location ?? lookup.entity(name).source,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
  }
  if (result.files.length > 0) result.files.push(sharedFile('repos/pagination.ts.hbs', `${dir}/pagination.ts`, 'owned', {}));
  const runtime = new Set<RepositoryRuntime>();
  for (const repository of result.repositories) {
    // A repository with children checks a failed insert of them with concurrency.ts's isKeyViolation.
    if (repository.version || repository.records.length > 1) runtime.add('concurrency.ts');
    if (repository.records.length > 1) for (const file of ['child-changes.ts', 'child-writes.ts'] as const) runtime.add(file);
  }
  for (const file of runtime) result.files.push(runtimeFile(file, context));
  if (result.usesJsonValues) result.files.push(sharedFile('repos/json-values.ts.hbs', `${dir}/json-values.ts`, 'owned', {}));
  if (outbox && result.repositories.some((repository) => repository.events)) {
    const missingModels = missingOutboxModels(context, request.tree!);
    if (missingModels) result.diagnostics.push(missingModels);
    result.files.push(outboxEventsFile(outbox, context));
  }
  return result;
}

interface OutboxFiles {
  writer: string;
  sqlClient: string;
  catalog: string;
  /** `repos/outbox-events.ts`: what the repositories call to append an aggregate's events. */
  appender: string;
}

/** The outbox runtime `add outbox` wrote and the event catalog of `add messaging`, when the project has both. */
function outboxFiles(context: ProjectContext, tree: ProjectTree): OutboxFiles | undefined {
  const { messaging, repos } = context.options.paths;
  const files = {
    writer: `${messaging}/outbox/outbox-writer.ts`,
    sqlClient: `${messaging}/outbox/sql-client.ts`,
    catalog: `${messaging}/events.ts`,
    appender: `${repos}/outbox-events.ts`,
  };
  return tree.exists(files.writer) && tree.exists(files.sqlClient) && tree.exists(files.catalog) ? files : undefined;
}

function outboxEventsFile(outbox: OutboxFiles, context: ProjectContext): TemplatePlannedFile {
  const imports = new ImportSet(outbox.appender, context);
  imports.add('domainEvents', outbox.catalog);
  imports.add('isDomainEvent', outbox.catalog);
  imports.add('appendToOutbox', outbox.writer);
  imports.add('outboxRecord', outbox.writer);
  imports.add('outboxTables', outbox.sqlClient);
  imports.add('schemaOfDatabaseUrl', outbox.sqlClient);
  imports.add('OutboxTables', outbox.sqlClient, { typeOnly: true });
  imports.add('SqlClient', outbox.sqlClient, { typeOnly: true });
  return sharedFile('repos/outbox-events.ts.hbs', outbox.appender, 'owned', { imports: imports.lines() });
}

function savedEvents(entity: EntityModel): SavedEvents | undefined {
  const { events } = entity;
  if (!events) return undefined;
  const read = events.read.kind === 'method' ? `${events.read.name}()` : events.read.name;
  return {
    read,
    copy: events.clear !== undefined,
    ...(events.clear !== undefined && { clear: events.clear }),
    ...(events.clear === undefined && events.restore !== undefined && { restore: tsString(events.restore) }),
    aggregateType: tsString(entity.name),
  };
}

function runtimeFile(file: RepositoryRuntime, context: ProjectContext): RuntimePlannedFile {
  const source = `repos/${file}`;
  const destinations = { repos: context.options.paths.repos };
  return {
    path: `${destinations.repos}/${file}`,
    policy: 'owned',
    generator,
    runtime: { file: `repos/runtime/${source}`, source, destinations, importSuffix: context.importSuffix, header: 'repos/_partials/owned-header.hbs' },
  };
}

/** The version check of a versioned aggregate's save, and what it imports for it. */
function savedVersion(model: StoredModel, entity: EntityModel, imports: ImportSet, dir: string): SavedVersion | undefined {
  if (!model.version) return undefined;
  const concurrency = `${dir}/concurrency.ts`;
  for (const name of ['ConcurrencyConflictError', 'isKeyViolation', 'savedVersion', 'trackVersion']) imports.add(name, concurrency);
  const variable = model.names.property;
  const field = model.version.field === undefined ? undefined : entity.fields.find((candidate) => candidate.name === model.version!.field);
  const read = field && accessExpression(field.accessor);
  imports.add(read ? 'expectedDomainVersion' : 'trackedVersion', concurrency);
  return {
    column: model.version.column,
    expected: read ? `expectedDomainVersion(${variable}, ${variable}.${read})` : `trackedVersion(${variable})`,
    ...(read && { field: tsString(field!.name) }),
    aggregateType: tsString(entity.name),
    model: tsString(model.name),
  };
}

function sharedFile(template: string, file: string, policy: TemplatePlannedFile['policy'], data: object): TemplatePlannedFile {
  return { path: file, template, policy, generator, data };
}

function planRepository(
  entity: EntityModel,
  model: StoredModel,
  lookup: DomainLookup,
  request: RepositoriesRequest,
  result: PlannedRepositories,
  outbox: OutboxFiles | undefined,
): TemplatePlannedFile[] {
  const { context } = request;
  const dir = context.options.paths.repos;
  const clientFile = `${context.options.paths.prismaClientOutput}/client.ts`;
  const mapperFile = `${dir}/${model.names.mapperFile}`;
  const repositoryFile = `${dir}/${model.names.repositoryFile}`;
  const mapperImports = new ImportSet(mapperFile, context);
  const mapper = planMapper(model, lookup, mapperImports, clientFile, { jsonValues: `${dir}/json-values.ts`, enumMember: `${dir}/enum-member.ts` });
  if (mapper.usesJsonValues) result.usesJsonValues = true;
  result.diagnostics.push(
    ...mapper.warnings.map((warning) => warningDiagnostic('IG403', warning, entity.source, 'add a factory or constructor parameter for it, or tag it @ignore')),
  );

  const key = keyColumn(model);
  const keyField = entity.fields.find((field) => field.tags.id) ?? entity.fields.find((field) => field.name === 'id')!;
  const existingPort = request.domain.repositoryPorts.find((port) => port.entity === entity.name);
  const port = existingPort ?? generatedPort(entity, keyField.declaredType, model);
  if (port.needsConstructorArguments) {
    throw new UnsupportedMapping(
      `the repository can neither extend ${port.name} (${port.source.file}:${port.source.line}), whose constructor wants arguments, nor implement it, since it has non-public members`,
      undefined,
      `give the constructor parameters of ${port.name} defaults, or declare the port as an interface or an abstract class with public members only`,
    );
  }
  const properties = queryProperties(entity, model, lookup);
  const portMethods = port.methods.map((method) => planMethod(method, entity, properties));
  const inherited = port.implementedMethods ?? [];
  const roles = new Set([...[...port.methods.map((method) => method.name), ...inherited].map(conventionalRole), ...portMethods.map(plannedRole)]);
  // The added methods take the key as the port's own find-by-key does (`findById(id: string)` → `exists(id: string)`).
  const portKey = port.methods.find((method) => conventionalRole(method.name) === 'findById' && method.parameters.length === 1)?.parameters[0]?.type;
  const extras = conventionalMethods(
    entity,
    portKey && !portKey.list ? { ...portKey, text: portKey.bareText } : keyField.declaredType,
    model.names.property,
    keyField.name,
  )
    .filter(
      (method) =>
        !roles.has(conventionalRole(method.name)) && !port.methods.some((declared) => declared.name === method.name) && !inherited.includes(method.name),
    )
    .map((method) => planMethod(method, entity, properties));
  for (const method of portMethods) {
    if (method.kind !== 'not-implemented') continue;
    const declared = port.methods.find((candidate) => candidate.name === method.name);
    const message = `${model.names.repositoryClass}.${method.name} is generated as "not implemented" (TODO in the file): ${method.reason}`;
    const hint = method.sync
      ? `declare ${port.name}.${method.name} as returning a Promise so that it can be implemented over Prisma, or implement it in the generated file (and pass --force next time)`
      : 'implement it in the generated file (and pass --force next time), or rename it so it can be derived';
    result.diagnostics.push(warningDiagnostic('IG402', message, declared?.location ?? port.source, hint));
  }

  const imports = new ImportSet(repositoryFile, context);
  imports.add('PrismaClient', clientFile, { typeOnly: true });
  imports.add('Prisma', clientFile, { typeOnly: true });
  const implemented = existingPort !== undefined || request.scaffoldPorts === true;
  // An abstract-class port is a value: the repository extends it.
  if (implemented) imports.add(port.name, port.source.file, { typeOnly: port.declaredAs !== 'abstract-class' });
  else {
    const message = `${entity.name} has no repository port in the domain: ${model.names.repositoryClass} offers the conventional methods and implements no interface`;
    result.notes.push(info(`${message}; --scaffold-ports (or "scaffoldPorts": true) writes one to ${port.source.file}`));
  }
  imports.add(entity.name, entity.source.file, { typeOnly: true });
  for (const reference of port.typeReferences) {
    if (reference.file) imports.add(reference.name, reference.file, { typeOnly: true });
    else if (reference.module) imports.add(reference.name, reference.module, { typeOnly: true, external: true });
  }
  for (const reference of keyTypeReferences(keyField.declaredType, lookup)) imports.add(reference.name, reference.file, { typeOnly: true });
  imports.add('Page', `${dir}/pagination.ts`, { typeOnly: true });
  imports.add('PageRequest', `${dir}/pagination.ts`, { typeOnly: true });
  imports.add('pageLimit', `${dir}/pagination.ts`);
  const usesEnumMember = [...portMethods, ...extras].some((method) => method.helpers?.includes('enumMember'));
  if (usesEnumMember) imports.add('enumMember', `${dir}/enum-member.ts`);
  const events = outbox ? savedEvents(entity) : undefined;
  const version = savedVersion(model, entity, imports, dir);
  const hasChildren = mapper.entities.length > 1;
  if (hasChildren) {
    imports.add('childChanges', `${dir}/child-changes.ts`);
    for (const name of ['ChildOfAnotherAggregateError', 'databaseSchemaFromEnv', 'updateChildRows']) imports.add(name, `${dir}/child-writes.ts`);
    imports.add('ChildTable', `${dir}/child-writes.ts`, { typeOnly: true });
    imports.add('isKeyViolation', `${dir}/concurrency.ts`);
  }
  if (hasChildren && !version) for (const name of ['isStored', 'markStored']) imports.add(name, `${dir}/child-changes.ts`);
  // Finders rebuild through a loader that remembers what the next save needs: the version, or that the aggregate is stored.
  const loader =
    version || hasChildren ? { name: `loaded${entity.name}`, rowType: imports.add(mapper.entities[0]!.rowType, mapperFile, { typeOnly: true }) } : undefined;
  if (events) {
    imports.add('appendAggregateEvents', outbox!.appender);
    imports.add('outboxTablesFromEnv', outbox!.appender);
    imports.add('OutboxTables', outbox!.sqlClient, { typeOnly: true });
  }
  const [root, ...children] = mapper.entities;
  refuseNestedChildren(model, lookup);
  for (const name of [root!.toDomain, root!.toRecord, ...children.map((child) => child.toRecord), ...(mapper.include ? [mapper.include.name] : [])])
    imports.add(name, mapperFile);

  const sortable = model.fields
    .filter((field) => field.kind === 'column' && !field.list && field.type !== 'Json' && field.origin.kind !== 'ownerKey' && field.origin.kind !== 'version')
    .map((field) => tsString(field.name));
  const data = {
    className: model.names.repositoryClass,
    portName: implemented ? port.name : undefined,
    /** An abstract-class port is extended (it is the injection token), an interface implemented. */
    extendsPort: implemented && port.declaredAs === 'abstract-class',
    writer: model.names.writer,
    entityName: entity.name,
    variable: model.names.property,
    delegate: model.names.delegate,
    imports: imports.lines(),
    include: mapper.include?.name,
    /** What the finders rebuild rows with: the mapper, or the loader that remembers a versioned aggregate's version. */
    toDomain: loader?.name ?? root!.toDomain,
    mapperToDomain: root!.toDomain,
    toRecord: root!.toRecord,
    keyField: key.name,
    keyType: scalarTsType[key.type as string] ?? 'string',
    sortFieldType: model.names.sortField,
    sortFields: sortable.join(' | '),
    orderByType: `Prisma.${model.name}OrderByWithRelationInput`,
    children: children.map((child) => childSave(child, model, lookup, entity)),
    /** The aggregate type a ChildOfAnotherAggregateError names. */
    aggregateType: tsString(entity.name),
    methods: [...portMethods, ...extras, pageMethod(entity, model)].map((method) => methodData(method, model, entity)),
    portFile: existingPort ? undefined : port.source.file,
    events,
    version,
    loader,
    /** The statements writing an aggregate no repository loaded, run as one batch. */
    creation: `statementsForNew${entity.name}`,
    /** What a failed write throws: a child held by another aggregate, named. */
    childError: 'childWriteError',
  };
  result.repositories.push({
    entity: entity.name,
    className: data.className,
    repositoryFile,
    mapperFile,
    methods: [...portMethods, ...extras, pageMethod(entity, model)],
    records: [
      { entity: root!.entity, toRecord: root!.toRecord, keyField: root!.keyField },
      ...data.children.map((child, index) => ({
        entity: children[index]!.entity,
        toRecord: child.toRecord,
        keyField: child.keyField,
        accessor: child.accessor,
        items: child.items,
        optional: child.optional,
        ...(child.position && { position: child.position }),
      })),
    ],
    ...(events && { events }),
    ...(version && { version }),
  });
  const files: TemplatePlannedFile[] = [
    sharedFile('repos/mapper.ts.hbs', mapperFile, 'owned', { imports: mapperImports.lines(), entities: mapper.entities, include: mapper.include }),
    sharedFile('repos/prisma-repository.ts.hbs', repositoryFile, 'owned', data),
  ];
  if (!existingPort && implemented) files.push(portFile(port, entity, keyField.declaredType, lookup, request.context));
  if (usesEnumMember || mapper.usesEnumMember) files.push(sharedFile('repos/enum-member.ts.hbs', `${dir}/enum-member.ts`, 'owned', {}));
  return files;
}

function methodData(method: MethodView, model: StoredModel, entity: EntityModel): object {
  return { ...method, partial: `repos/_partials/${method.kind}`, ...versionCheck(method, model, entity) };
}

/**
 * A delete given the aggregate itself (`remove(cart)`) on a versioned aggregate: it expects the version the
 * object was loaded with, as a save does. A delete by key has no version to check.
 */
function versionCheck(method: MethodView, model: StoredModel, entity: EntityModel): { versionCheck?: { parameter: string; expected: string } } {
  if (method.kind !== 'delete' || method.keyArgument !== 'entity' || !model.version) return {};
  const parameter = method.parameters?.[0]?.name.split('.')[0];
  if (!parameter) return {};
  const field = model.version.field === undefined ? undefined : entity.fields.find((candidate) => candidate.name === model.version!.field);
  const read = field && accessExpression(field.accessor);
  return { versionCheck: { parameter, expected: read ? `expectedDomainVersion(${parameter}, ${parameter}.${read})` : `trackedVersion(${parameter})` } };
}

function pageMethod(entity: EntityModel, model: StoredModel): MethodView {
  return {
    name: 'findPage',
    signature: `findPage(request: PageRequest<${model.names.sortField}> = {}): Promise<Page<${entity.name}>>`,
    kind: 'find-page',
    parameter: 'request',
  };
}

function childSave(child: ReturnType<typeof planMapper>['entities'][number], owner: StoredModel, lookup: DomainLookup, ownerEntity: EntityModel) {
  const relation = owner.fields.find((field) => field.kind === 'relation' && field.owned && field.model === child.model);
  const ownerField = ownerEntity.fields.find((field) => field.name === relation?.name);
  const model = lookup.model(child.model);
  const ownerKey = model.fields.find((field) => field.kind === 'column' && field.origin.kind === 'ownerKey');
  if (!relation || !ownerField || ownerField.accessor.kind === 'none' || !ownerKey) {
    throw new UnsupportedMapping(`${ownerEntity.name} owns ${child.entity} objects but they cannot be read`, ownerField);
  }
  const collection = ownerField.type.kind === 'entity' ? ownerField.type.collection : undefined;
  if (collection?.items.kind === 'none')
    throw new UnsupportedMapping(`${collection.name} does not expose its items`, ownerField, `add \`getItems()\` to ${collection.name}`);
  const step = ownerField.optional ? '?.' : '.';
  return {
    accessor: ownerField.name,
    /** The children as an array, read from the aggregate: `lines`, `comments.getItems()`, `comments?.getItems()`. */
    items: `${accessorPath(ownerField.accessor)}${collection ? `${step}${accessorPath(collection.items)}` : ''}`,
    optional: ownerField.optional,
    delegate: model.names.delegate,
    toRecord: child.toRecord,
    keyField: child.keyField,
    ownerKey: ownerKey.name,
    variable: model.names.property,
    /** The variable holding a child's place in the list, which its record function takes for its position column. */
    position: positionColumn(model) ? (model.names.property === 'position' ? 'listPosition' : 'position') : undefined,
    /** The Prisma field of the position column, which the save keeps where the list's order allows. */
    positionField: positionColumn(model)?.name,
    /** The module constant holding the child's `ChildTable`, and its literal. */
    table: { constant: `${model.names.property}Table`, literal: childTableLiteral(model, child.keyField, ownerKey.name, lookup.persistence) },
    /** The Prisma model whose key a failed insert may find taken, and the child type the error names. */
    model: tsString(model.name),
    childType: tsString(child.entity),
  };
}

/** Saving reaches one level of owned children; a child that owns children of its own is refused, not half-saved. */
function refuseNestedChildren(model: StoredModel, lookup: DomainLookup): void {
  for (const { field, child } of lookup.ownedChildren(model)) {
    const [nested] = lookup.ownedChildren(child);
    if (!nested) continue;
    const entity = lookup.entity(child.name);
    throw new UnsupportedMapping(
      `${model.name}.${field} holds ${child.name} objects, which hold ${nested.child.name} objects in turn (${child.name}.${nested.field}): repositories save one level of owned children for now`,
      entity.fields.find((candidate) => candidate.name === nested.field),
      `make ${nested.child.name} part of ${model.name} directly, or store ${child.name}.${nested.field} as Json (@json)`,
    );
  }
}

function keyTypeReferences(keyType: TypeModel, lookup: DomainLookup): { name: string; file: string }[] {
  const name = valueObjectOf(keyType);
  const valueObject = name === undefined ? undefined : lookup.valueObject(name);
  return valueObject ? [{ name: valueObject.name, file: valueObject.source.file }] : [];
}

/** The port the domain lacks: the conventional methods, in the entity's folder. */
function generatedPort(entity: EntityModel, keyType: TypeModel, model: StoredModel): RepositoryPortModel {
  const file = `${path.posix.dirname(entity.source.file)}/${model.names.portFile}`;
  return {
    name: model.names.port,
    source: { file, line: 1, column: 1, exportName: model.names.port },
    entity: entity.name,
    methods: conventionalMethods(entity, keyType, model.names.property),
    typeReferences: [],
  };
}

function portFile(port: RepositoryPortModel, entity: EntityModel, keyType: TypeModel, lookup: DomainLookup, context: ProjectContext): TemplatePlannedFile {
  const imports = new ImportSet(port.source.file, context);
  imports.add(entity.name, entity.source.file, { typeOnly: true });
  for (const reference of keyTypeReferences(keyType, lookup)) imports.add(reference.name, reference.file, { typeOnly: true });
  return sharedFile('repos/repository-port.ts.hbs', port.source.file, 'scaffold', {
    imports: imports.lines(),
    name: port.name,
    entityName: entity.name,
    signatures: port.methods.map(signatureOf),
  });
}
