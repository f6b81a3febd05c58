import { errorDiagnostic } from '../../diagnostics.js';
import type { DomainModel } from '../../model/domain.js';
import type { PersistenceModel } from '../../model/persistence/index.js';
import type { ProjectContext } from '../../project/context.js';
import { importPath } from '../../project/import-path.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { info, type GeneratorResult } from '../generator-result.js';
import { DomainLookup, UnsupportedMapping } from '../repos/domain-lookup.js';
import { ImportSet } from '../repos/imports.js';
import { planRepositories, type RepositoryPlan } from '../repos/plan-repositories.js';
import { planSeedModule, type SeedModule } from './seed-module.js';
import { seedOrder, withOwnedChildren } from './seed-order.js';
import { seedCommand } from './seed-command.js';
import { clientClosesDatabase } from './database-client.js';
import { loadsFakerByImport } from './faker-import.js';

export interface SeedsRequest {
  domain: DomainModel;
  persistence: PersistenceModel;
  context: ProjectContext;
  /** The entities asked for; what they reference is added. */
  entities: readonly string[];
  /** How many of each aggregate a run creates by default. */
  count: number;
  /** The project as this run leaves it, to tell which repositories were generated. */
  tree: ProjectTree;
}

export interface PlannedSeeds extends GeneratorResult<TemplatePlannedFile> {
  /** Aggregates in the order a run seeds them, with how each is saved. */
  steps: { entity: string; through: 'repository' | 'prisma' }[];
  /** The entry script, project-relative. */
  entryFile: string;
  /** What runs it: for `prisma.config.ts` and the `db:seed` script. */
  command: string;
  /** The seed module of each aggregate, in seed order, for the planners that build on them (tests). */
  modules: { entity: string; file: string; references: string[]; throughRepository: boolean }[];
  /** The repositories the seeded aggregates can have, planned once here and reused by the test planner. */
  repositories: RepositoryPlan[];
}

const generator = 'seeds';

/** Plans one seed module per aggregate, the run order, the shared helpers and the entry script. */
export function planSeeds(request: SeedsRequest): PlannedSeeds {
  const { domain, persistence, context } = request;
  const lookup = new DomainLookup(domain, persistence);
  const paths = context.options.paths;
  const entryFile = `${paths.seeds}/seed.ts`;
  const result: PlannedSeeds = { files: [], diagnostics: [], notes: [], steps: [], entryFile, command: seedCommand(entryFile), modules: [], repositories: [] };
  const ordered = seedOrder(request.entities, lookup);
  result.notes.push(...ordered.notes.map(info));
  result.diagnostics.push(...ordered.diagnostics);
  if (ordered.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return result;

  result.repositories = planRepositories({ domain, persistence, context, entities: ordered.order, skipUnsupported: true }).repositories;
  const seeded = new Set<string>();
  const modules: { name: string; module: SeedModule }[] = [];
  for (const name of ordered.order) {
    const model = lookup.model(name);
    const repository = repositoryState(result.repositories.find((plan) => plan.entity === name), request.tree);
    if (repository === 'missing') {
      result.diagnostics.push(errorDiagnostic('IG502', `${name} has no generated repository to seed through`, lookup.entity(name).source, `run \`infragen generate repo ${name}\` first`));
      continue;
    }
    const base = { model, lookup, context, seededBefore: seeded };
    let module: SeedModule;
    try {
      const saveMethod = result.repositories.find((plan) => plan.entity === name)?.methods.find((method) => method.kind === 'save' && !method.many)?.name;
      // A port whose save is synchronous leaves the repository no save to call: the rows go in through Prisma Client.
      if (repository === 'generated' && !saveMethod) result.notes.push(info(`${name}'s repository has no asynchronous save: its rows are inserted with Prisma Client`));
      module = planSeedModule({ ...base, throughRepository: repository === 'generated' && saveMethod !== undefined, ...(saveMethod ? { saveMethod } : {}) });
    } catch (error) {
      if (!(error instanceof UnsupportedMapping)) throw error;
      if (repository !== 'generated') {
        result.diagnostics.push(errorDiagnostic('IG504', `cannot seed ${name}: ${error.message}`, error.field?.location ?? lookup.entity(name).source, error.hint));
        continue;
      }
      result.notes.push(info(`${name} is inserted with Prisma Client: its domain objects cannot be built (${error.message})`));
      module = planSeedModule({ ...base, throughRepository: false });
    }
    if (repository === 'none') result.notes.push(info(`${name} has no repository: its rows are inserted with Prisma Client`));
    result.notes.push(...module.notes.map(info));
    result.steps.push({ entity: name, through: (module.file.data as { throughRepository: boolean }).throughRepository ? 'repository' : 'prisma' });
    modules.push({ name, module });
    result.modules.push({ entity: name, file: module.file.path, references: module.references, throughRepository: (module.file.data as { throughRepository: boolean }).throughRepository });
    result.files.push(module.file);
    seeded.add(name);
  }
  if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { ...result, files: [] };
  result.files.push(seedAllFile(modules, request, lookup), helpersFile(context), entryFileOf(request, entryFile, result.command));
  result.notes.push(info(`seed order: ${result.steps.map((step) => `${step.entity}${step.through === 'prisma' ? ' (Prisma Client)' : ''}`).join(' → ')}`));
  const existing = request.tree.read(entryFile);
  if (existing !== undefined && !existing.includes('seed-all')) {
    result.notes.push(info(`${entryFile} is yours and does not call seedAll from seed-all.ts: call it there, or pass --force to replace the file`));
  }
  return result;
}

/** `generated`: the repository can be generated and is on disk; `missing`: it could be, but is not; `none`: infragen makes none. */
function repositoryState(plan: RepositoryPlan | undefined, tree: ProjectTree): 'generated' | 'missing' | 'none' {
  if (!plan) return 'none';
  return tree.exists(plan.repositoryFile) ? 'generated' : 'missing';
}

function seedAllFile(modules: readonly { name: string; module: SeedModule }[], request: SeedsRequest, lookup: DomainLookup): TemplatePlannedFile {
  const { context } = request;
  const file = `${context.options.paths.seeds}/seed-all.ts`;
  const imports = new ImportSet(file, context);
  imports.add('PrismaClient', `${context.options.paths.prismaClientOutput}/client.ts`, { typeOnly: true });
  const steps = modules.map(({ name, module }) => {
    const plural = lookup.model(name).names.plural;
    imports.add(module.seedFunction, module.file.path);
    const refs = module.references.map((target) => lookup.model(target).names.plural);
    return { plural, call: `${module.seedFunction}(prisma, counts.${plural}${refs.length > 0 ? `, { ${refs.join(', ')} }` : ''})` };
  });
  // Dependants first: children before their aggregate, and an aggregate before those it references.
  const clear = [...modules]
    .reverse()
    .flatMap(({ name }) => withOwnedChildren(lookup.model(name), lookup).reverse())
    .map((model) => model.names.delegate);
  return {
    path: file,
    template: 'db/seeds/seed-all.ts.hbs',
    policy: 'owned',
    generator,
    data: { imports: imports.lines(), counts: steps.map((step) => ({ key: step.plural, count: request.count })), steps, clear },
  };
}

function helpersFile(context: ProjectContext): TemplatePlannedFile {
  const data = { loadsFakerByImport: loadsFakerByImport(context) };
  return { path: `${context.options.paths.seeds}/seed-helpers.ts`, template: 'db/seeds/seed-helpers.ts.hbs', policy: 'owned', generator, data };
}

function entryFileOf(request: SeedsRequest, entryFile: string, command: string): TemplatePlannedFile {
  const { context } = request;
  const dir = context.options.paths.seeds;
  const clientFile = `${context.options.paths.db}/client.ts`;
  // A client with the embedded fallback (PGlite) is closed through its own function, which also closes the database.
  const closeDatabase = clientClosesDatabase(request.tree, context);
  return {
    path: entryFile,
    template: 'db/seeds/seed.ts.hbs',
    policy: 'scaffold',
    generator,
    data: {
      command,
      clientImport: importPath(entryFile, clientFile, context),
      clientImports: closeDatabase ? 'closeDatabase, createPrismaClient' : 'createPrismaClient',
      disconnect: closeDatabase ? 'closeDatabase(prisma)' : 'prisma.$disconnect()',
      seedAllImport: importPath(entryFile, `${dir}/seed-all.ts`, context),
      ...(loadsFakerByImport(context) && { helpersImport: importPath(entryFile, `${dir}/seed-helpers.ts`, context) }),
    },
  };
}
