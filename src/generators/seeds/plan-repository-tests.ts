// A vitest suite per repository, written into the user's project: it builds aggregates with the seed
// builders, saves them through the generated repository and checks every method against the database.
import { tsString } from '../../render/literals.js';
import { accessExpression, type ParameterModel } from '../../model/domain.js';
import { valueObjectOf } from '../../model/types.js';
import type { ProjectContext } from '../../project/context.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import type { Condition } from '../repos/derived-query.js';
import { readField, type DomainLookup } from '../repos/domain-lookup.js';
import { ImportSet } from '../repos/imports.js';
import type { MethodView } from '../repos/method-plan.js';
import type { RepositoryPlan } from '../repos/plan-repositories.js';
import { queryProperties } from '../repos/method-plan.js';
import type { QueryProperty } from '../repos/query-code.js';
import type { PlannedSeeds } from './plan-seeds.js';
import { keyTypeOf } from './seed-module.js';
import { clientClosesDatabase } from './database-client.js';
import { importFaker, loadsFakerByImport } from './faker-import.js';
import { generated, type GeneratorResult } from '../generator-result.js';

export interface RepositoryTestsRequest {
  lookup: DomainLookup;
  context: ProjectContext;
  repositories: readonly RepositoryPlan[];
  seeds: PlannedSeeds;
  tree: ProjectTree;
}

interface QueryCheck {
  name: string;
  call: string;
  kind: MethodView['kind'];
  /** find-one by a unique column: the very aggregate saved comes back. */
  unique: boolean;
}

const supported = new Set<Condition['operator']>(['equals', 'between', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'startsWith', 'endsWith']);

/** The argument that makes `condition` true for the saved aggregate, or undefined when none can be told. */
function argumentsFor(condition: Condition, parameters: ParameterModel[], value: string, property: QueryProperty, kind: 'Date' | 'number' | 'other'): string[] | undefined {
  const unwrap = (parameter: ParameterModel, expression: string) =>
    property.valueAccessor && valueObjectOf(parameter.type) !== property.valueObject ? `${expression}.${property.valueAccessor}` : expression;
  const [first, second] = parameters;
  const shift = (by: number) => (kind === 'Date' ? `new Date(${value}.getTime() + ${by})` : kind === 'number' ? `${value} + ${by}` : undefined);
  switch (condition.operator) {
    case 'equals':
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return [unwrap(first!, value)];
    case 'in':
      return [`[${unwrap(first!, value)}]`];
    case 'between':
      return shift(-1) && shift(1) && second ? [shift(-1)!, shift(1)!] : undefined;
    case 'gt':
    case 'gte':
      return shift(-1) ? [shift(-1)!] : undefined;
    case 'lt':
    case 'lte':
      return shift(1) ? [shift(1)!] : undefined;
    default:
      return undefined;
  }
}

function queryCheck(method: MethodView, plan: RepositoryPlan, request: RepositoryTestsRequest, variable: string, properties: ReadonlyMap<string, QueryProperty>): QueryCheck | undefined {
  // A list of every aggregate (`searchAll()`): the saved one is among them.
  if (method.kind === 'find-many' && method.query?.where.length === 0 && method.parameters?.length === 0) return { name: method.name, call: `repository.${method.name}()`, kind: method.kind, unique: false };
  if (!method.query || !method.parameters || method.query.where.length !== 1) return undefined;
  // Another aggregate passed whole (`findByPractitioner(practitioner)`) cannot be built from the saved one alone.
  if (method.parameters.some((parameter) => parameter.type.target.kind === 'entity')) return undefined;
  const entity = request.lookup.entity(plan.entity);
  const args: string[] = [];
  let next = 0;
  for (const condition of method.query.where[0]!) {
    const property = properties.get(condition.property);
    if (!property || !supported.has(condition.operator) || condition.ignoreCase || property.column.optional || property.column.origin.kind === 'ownerKey' || property.column.origin.kind === 'version' || property.column.origin.kind === 'position' || property.column.origin.kind === 'json') return undefined;
    const path = property.column.origin.path;
    const field = entity.fields.find((candidate) => candidate.name === path.field);
    if (!field || field.accessor.kind === 'none') return undefined;
    let value = readField(variable, field, entity.name);
    if (path.part) {
      const valueObject = field.type.kind === 'valueObject' ? request.lookup.valueObject(field.type.name) : undefined;
      const part = valueObject?.shape.kind === 'composite' ? valueObject.shape.fields.find((candidate) => candidate.name === path.part) : undefined;
      const partAccess = part && accessExpression(part.accessor);
      if (!partAccess) return undefined;
      value = `${value}.${partAccess}`;
    }
    const kind = property.column.type === 'DateTime' ? 'Date' : ['Int', 'Float', 'Decimal'].includes(property.column.type as string) ? 'number' : 'other';
    const bound = argumentsFor(condition, method.parameters.slice(next, next + condition.arity), value, property, kind);
    if (!bound) return undefined;
    args.push(...bound);
    next += condition.arity;
  }
  if (next !== method.parameters.length) return undefined;
  return { name: method.name, call: `repository.${method.name}(${args.join(', ')})`, kind: method.kind, unique: method.kind === 'find-one' && method.finder === 'findUnique' };
}

/**
 * The conventional roles the suite leans on, by the names this repository gives them. A method on the key that
 * takes the whole aggregate (`remove(user: User)`) deletes, but is called with the aggregate, not its key.
 */
function roles(plan: RepositoryPlan) {
  const named = (kind: MethodView['kind'], test: (method: MethodView) => boolean) => plan.methods.find((method) => method.kind === kind && test(method))?.name;
  const byKey = (method: MethodView) => method.keyArgument === 'key';
  const byEntity = (method: MethodView) => method.keyArgument === 'entity';
  return {
    // A finder that returns null or undefined for a missing key, else one that throws.
    findById: named('find-one', (method) => byKey(method) && !(method.kind === 'find-one' && method.notFound)) ?? named('find-one', byKey),
    exists: named('exists', byKey),
    delete: named('delete', byKey),
    deleteEntity: named('delete', byEntity),
    count: named('count', (method) => !method.query || method.query.where.length === 0),
    save: named('save', (method) => method.kind === 'save' && !method.many),
    saveAll: named('save', (method) => method.kind === 'save' && method.many),
  };
}

/**
 * `test/repos/repositories.test.ts`: one file, so the suites run one after the other on one database
 * (each empties and seeds the same tables), one `describe` per repository the seeds save through.
 */
export function planRepositoryTests(request: RepositoryTestsRequest): GeneratorResult<TemplatePlannedFile> {
  const { context, lookup } = request;
  const paths = context.options.paths;
  const file = 'test/repos/repositories.test.ts';
  const closeDatabase = clientClosesDatabase(request.tree, context);
  const imports = new ImportSet(file, context);
  const suites = request.seeds.modules.flatMap((module) => {
    const plan = request.repositories.find((candidate) => candidate.entity === module.entity);
    return plan && module.throughRepository ? [suiteData(plan, module, request, imports)] : [];
  });
  if (suites.length === 0) return generated([]);
  importFaker(imports, context, true);
  for (const name of ['afterAll', 'beforeAll', 'describe', 'expect', 'it']) imports.add(name, 'vitest', { external: true });
  imports.add('createPrismaClient', `${paths.db}/client.ts`);
  if (closeDatabase) imports.add('closeDatabase', `${paths.db}/client.ts`);
  for (const name of ['clearSeededTables', 'seedAll']) imports.add(name, `${paths.seeds}/seed-all.ts`);
  const referenced = [...new Set(request.seeds.modules.filter((module) => suites.some((suite) => suite.entity === module.entity)).flatMap((module) => module.references))];
  const refs = referenced.map((target) => {
    const model = lookup.model(target);
    return { name: model.names.plural, delegate: model.names.delegate, key: keyColumnName(request, target), keyType: keyTypeOf(model) };
  });
  return generated([
    {
      path: file,
      policy: 'owned',
      generator: 'repository-tests',
      template: 'db/seeds/repositories.test.ts.hbs',
      data: {
        imports: imports.lines(),
        counts: request.seeds.modules.map((module) => ({ key: lookup.model(module.entity).names.plural, count: 3 })),
        refs,
        suites,
        closeDatabase,
        loadsFaker: loadsFakerByImport(context),
      },
    },
  ]);
}

function keyColumnName(request: RepositoryTestsRequest, entity: string): string {
  const key = request.lookup.model(entity).fields.find((field) => field.kind === 'column' && field.id);
  return key?.name ?? 'id';
}

function suiteData(plan: RepositoryPlan, module: PlannedSeeds['modules'][number], request: RepositoryTestsRequest, imports: ImportSet) {
  const { lookup } = request;
  const model = lookup.model(plan.entity);
  imports.add(plan.className, plan.repositoryFile);
  imports.add(plan.entity, lookup.entity(plan.entity).source.file, { typeOnly: true });
  imports.add(model.names.builder, module.file);
  for (const record of plan.records) imports.add(record.toRecord, plan.mapperFile);
  const variable = model.names.property;
  const [first, ...children] = plan.records;
  const root = { ...first!, delegate: model.names.delegate };
  const methodRoles = roles(plan);
  const properties = queryProperties(lookup.entity(plan.entity), model, lookup);
  const checks = plan.methods
    .filter((method) => !Object.values(methodRoles).includes(method.name) && method.kind !== 'find-page')
    .map((method) => ({ method, check: queryCheck(method, plan, request, variable, properties) }))
    // A derived delete may hit rows other aggregates reference: only one by a unique column is run.
    .map(({ method, check }) => ({ method, check: check?.kind === 'delete' && !isUniqueDelete(method, properties) ? undefined : check }));
  return {
    entity: plan.entity,
    className: plan.className,
    repository: `${variable}Repository`,
    variable,
    subjectTitle: tsString(`saves ${model.names.indefinite} and reads back one that stores the same`),
    build: `${model.names.builder}(${module.references.length > 0 ? 'refs' : ''})`,
    stored: `stored${plan.entity}`,
    saved: `saved${plan.entity}`,
    root,
    children: children.map((child) => ({ ...child, variable: lookup.model(child.entity).names.property })),
    roles: methodRoles,
    keyAccess: `${root.toRecord}(${variable}).${root.keyField}`,
    keyArgument: keyArgument(plan, lookup, variable, methodRoles.findById),
    existsArgument: keyArgument(plan, lookup, variable, methodRoles.exists),
    /** `Null` or `Undefined`: what the by-key finder returns for a missing key (absent when it throws). */
    missing: missingValue(plan, methodRoles.findById),
    deletion: methodRoles.delete
      ? { name: methodRoles.delete, argument: keyArgument(plan, lookup, variable, methodRoles.delete) }
      : methodRoles.deleteEntity
        ? { name: methodRoles.deleteEntity, argument: variable }
        : undefined,
    checks: checks.flatMap(({ check }) => (check ? [{ ...check, call: check.call.replace(/^repository\./, `${variable}Repository.`), [`is_${check.kind.replace('-', '_')}`]: true }] : [])),
    todos: checks.flatMap(({ method, check }) => (check ? [] : [{ name: method.name, reason: method.kind === 'not-implemented' ? 'it is not implemented yet' : 'infragen cannot tell which arguments match a saved aggregate alone' }])),
    plural: model.names.plural,
  };
}

/** What the by-key finder returns for a missing key, `Null` or `Undefined`; undefined when it throws. */
function missingValue(plan: RepositoryPlan, findById: string | undefined): 'Null' | 'Undefined' | undefined {
  const method = plan.methods.find((candidate) => candidate.name === findById);
  if (method?.kind === 'find-one' && method.notFound) return undefined;
  return method?.kind === 'find-one' && method.empty === 'undefined' ? 'Undefined' : 'Null';
}

function isUniqueDelete(method: MethodView, properties: ReadonlyMap<string, QueryProperty>): boolean {
  const conditions = method.query?.where.length === 1 ? method.query.where[0]! : [];
  return conditions.length === 1 && conditions[0]!.operator === 'equals' && Boolean(properties.get(conditions[0]!.property)?.column.unique || properties.get(conditions[0]!.property)?.column.id);
}

/**
 * The domain's own key of the saved aggregate (`order.id`), as the by-key method `name` takes it: its value
 * (`order.id.value`) when the key is a value object and the method takes a primitive (`findById(id: string)`).
 */
function keyArgument(plan: RepositoryPlan, lookup: DomainLookup, variable: string, name?: string): string {
  const entity = lookup.entity(plan.entity);
  const key = entity.fields.find((field) => field.tags.id) ?? entity.fields.find((field) => field.name === 'id');
  if (!key) return `${variable}.id`;
  const read = readField(variable, key, entity.name);
  const parameter = plan.methods.find((method) => method.name === name)?.parameters?.[0];
  const keyObject = valueObjectOf(key.declaredType);
  const shape = keyObject === undefined ? undefined : lookup.valueObject(keyObject)?.shape;
  const takesValue = parameter !== undefined && parameter.type.target.kind === 'primitive';
  const accessor = shape?.kind === 'single' ? accessExpression(shape.accessor) : undefined;
  return takesValue && accessor ? `${read}.${accessor}` : read;
}
