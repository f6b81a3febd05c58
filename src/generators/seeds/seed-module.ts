// The seed module of one aggregate: builders of its domain objects, and the function that saves `count` of them.
import type { EntityModel } from '../../model/domain.js';
import type { StoredModel } from '../../model/persistence/index.js';
import type { ProjectContext } from '../../project/context.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { DomainLookup } from '../repos/domain-lookup.js';
import { ImportSet } from '../repos/imports.js';
import { keyColumn, scalarTsType } from '../repos/mapper-plan.js';
import { buildEntity, type BuildContext } from './domain-builder.js';
import { planRecord } from './record-builder.js';
import { withOwnedChildren } from './seed-order.js';
import { tsString } from '../../render/literals.js';
import { checksInvariants } from '../unwrap-result.js';
import { importFaker } from './faker-import.js';

export interface SeedModuleRequest {
  model: StoredModel;
  lookup: DomainLookup;
  context: ProjectContext;
  /** Aggregates seeded before this one, whose keys it may pick. */
  seededBefore: ReadonlySet<string>;
  /** Saved through the generated `Prisma<Entity>Repository` (else inserted with Prisma Client). */
  throughRepository: boolean;
  /** The repository's single-item save as the port names it (`save`, `persist`). */
  saveMethod?: string;
}

export interface SeedModule {
  file: TemplatePlannedFile;
  /** `seedOrders`. */
  seedFunction: string;
  /** Aggregates whose keys it takes, in the order of its `refs` argument. */
  references: string[];
  notes: string[];
}

const generator = 'seeds';

/** The key type of a model, as generated code holds it. */
export function keyTypeOf(model: StoredModel): string {
  return scalarTsType[keyColumn(model).type as string] ?? 'string';
}

/** Plans `<entity>.seed.ts`. Throws UnsupportedMapping when the domain objects cannot be built (the caller falls back). */
export function planSeedModule(request: SeedModuleRequest): SeedModule {
  const { model, lookup, context } = request;
  const paths = context.options.paths;
  const file = `${paths.seeds}/${model.names.seedFile}`;
  const helpersFile = `${paths.seeds}/seed-helpers.ts`;
  const clientFile = `${paths.prismaClientOutput}/client.ts`;
  const refsType = model.names.seedRefsType;

  // Built twice: the first pass only learns which references the code uses, so that every signature names them.
  const plan = (references: Set<string>, imports: ImportSet) => {
    const used = new Set<string>();
    const reference = (target: string): string | undefined => {
      if (!request.seededBefore.has(target)) return undefined;
      used.add(target);
      return `refs.${lookup.model(target).names.plural}`;
    };
    const argument = references.size > 0 ? 'refs' : '';
    const parameter = references.size > 0 ? `refs: ${refsType}` : '';
    if (!request.throughRepository) {
      const record = planRecord(model, lookupEntity(lookup, model.name), {
        lookup,
        imports,
        helpersFile,
        reference,
      });
      return { used, argument, parameter, builders: [], record };
    }
    const ctx: BuildContext = { lookup, imports, helpersFile, reference, childBuilder: (entity) => `${lookup.model(entity).names.builder}(${argument})` };
    const builders = withOwnedChildren(model, lookup).map((member) => {
      const entity = lookup.entity(member.name);
      imports.add(entity.name, entity.source.file, { typeOnly: entity.construction.kind === 'object-literal' });
      const expression = buildEntity(entity, member, ctx);
      if (!checksInvariants(expression)) return { name: member.names.builder, type: entity.name, parameter, expression };
      // The domain may refuse a combination of random values (a text post without text): draw again.
      imports.add('retried', helpersFile);
      return { name: member.names.builder, type: entity.name, parameter, expression: `retried(${tsString(entity.name)}, () => ${expression})` };
    });
    return { used, argument, parameter, builders, record: undefined };
  };
  const probe = plan(new Set(), new ImportSet(file, context));
  const imports = new ImportSet(file, context);
  importFaker(imports, context);
  imports.add('PrismaClient', clientFile, { typeOnly: true });
  const planned = plan(probe.used, imports);
  const references = [...probe.used].sort();

  const variable = model.names.property;
  const seedFunction = model.names.seedFunction;
  const keyType = keyTypeOf(model);
  const notes = planned.record?.skippedChildren.map((child) => `${model.name}.${child} is left empty: owned children are seeded only through a repository`) ?? [];
  let save: object;
  if (request.throughRepository) {
    const repositoryFile = `${paths.repos}/${model.names.repositoryFile}`;
    const mapperFile = `${paths.repos}/${model.names.mapperFile}`;
    const repositoryClass = imports.add(model.names.repositoryClass, repositoryFile);
    const toRecord = imports.add(model.names.toRecord, mapperFile);
    save = { partial: 'db/seeds/_partials/save-through-repository', repositoryClass, saveMethod: request.saveMethod ?? 'save', builder: `${model.names.builder}(${planned.argument})`, key: `${toRecord}(${variable}).${keyColumn(model).name}` };
  } else {
    imports.add('Prisma', clientFile, { typeOnly: true });
    save = { partial: 'db/seeds/_partials/save-through-prisma', delegate: model.names.delegate, entries: planned.record!.entries, inputType: `Prisma.${model.name}UncheckedCreateInput`, keyField: keyColumn(model).name };
  }
  const data = {
    entity: model.name,
    plural: model.names.plural,
    imports: imports.lines(),
    refsType: references.length > 0 ? refsType : undefined,
    refsFields: references.map((target) => `${lookup.model(target).names.plural}: readonly ${keyTypeOf(lookup.model(target))}[]`),
    builders: planned.builders,
    seedFunction,
    parameters: ['prisma: PrismaClient', 'count: number', ...(planned.parameter ? [planned.parameter] : [])].join(', '),
    keyType,
    variable,
    throughRepository: request.throughRepository,
    ...save,
  };
  return { file: { path: file, template: 'db/seeds/entity.seed.ts.hbs', policy: 'owned', generator, data }, seedFunction, references, notes };
}

function lookupEntity(lookup: DomainLookup, name: string): EntityModel | undefined {
  return lookup.domain.entities.find((entity) => entity.name === name);
}
