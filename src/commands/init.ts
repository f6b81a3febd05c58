import path from 'node:path';
import pc from 'picocolors';
import type { RunOptions } from './run-options.js';
import type { Reporter } from './reporter.js';
import { defaultOptions } from '../config/options.js';
import { InternalError, throwIfErrors, UserError } from '../diagnostics.js';
import { exampleReadModel, initCommands, messagingBrokers, planExampleDomain, planProjectFiles, type InitSettings } from '../generators/init/index.js';
import { planProjection, planRebuildScript } from '../generators/projections/index.js';
import { inspectReadModelSources } from '../inspect/read-models.js';
import type { DomainModel } from '../model/domain.js';
import { planOutboxInstall } from './add-outbox.js';
import { defaultReadModelFolder } from './generate-projection.js';
import { planMessaging } from '../generators/messaging/index.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { PrismaSchemaGenerator } from '../generators/prisma-schema/index.js';
import { planDatabaseClient, planRepositories } from '../generators/repos/index.js';
import { inspectDomainSources } from '../inspect/index.js';
import { openMigrationEngine, planMigration, readMigrationsFolder } from '../migrate/index.js';
import { planPersistence } from '../model/persistence/index.js';
import type { ProjectContext } from '../project/context.js';
import { fileURLToPath } from 'node:url';
import { packageRoot, packageVersion } from '../project/package-info.js';
import type { FileChange } from '../workspace/index.js';
import { generated, type GeneratorResult } from '../generators/generator-result.js';
import { GenerationRun } from './generation-run.js';
import { checkTarget, packageNameFrom, parseInitFlags, type RawInitFlags } from './init-options.js';
import { askInitAnswers, defaultInitAnswers } from './init-prompts.js';
import { createProgress, type Progress } from './init-steps.js';
import { runSetupSteps } from './init-setup.js';
import { brokerInfo } from '../config/brokers.js';

/** The installed version; `file:` this checkout when infragen does not run from a node_modules folder (not published there). */
function infragenSpecifier(): string {
  const root = fileURLToPath(packageRoot);
  return root.split(/[\\/]/).includes('node_modules') ? packageVersion() : `file:${root.replace(/[\\/]$/, '')}`;
}

/** The new project's conventions: it does not exist yet, so they are the ones init writes (ESM, NodeNext). */
function newProjectContext(root: string): ProjectContext {
  return { root, options: defaultOptions(), moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
}

/**
 * The infrastructure, written by infragen's own generators from the example domain, which is inspected
 * from the run's tree (nothing is on disk yet): schema, messaging, prisma.config.ts, the database client, with
 * the outbox what `add outbox` writes, then the repositories (whose `save` writes to the outbox once it is
 * there), and with the outbox the read model's projection.
 */
async function planInfrastructure(run: GenerationRun, settings: InitSettings, domainFiles: readonly string[], context: ProjectContext): Promise<void> {
  const sources = Object.fromEntries(domainFiles.map((file) => [file, run.tree.read(file) ?? '']));
  const { model, diagnostics } = inspectDomainSources(sources);
  throwIfErrors(diagnostics, 'the example domain does not inspect cleanly (a bug in infragen init)');
  const persistence = planPersistence(model, context.options);
  throwIfErrors(persistence.diagnostics, 'the example domain cannot be stored (a bug in infragen init)');
  const entities = model.entities.map((entity) => entity.name);
  await run.add(new PrismaSchemaGenerator().plan({ persistence: persistence.persistence, context, tree: run.tree, entities }));
  await run.add(planMessaging({ model, context, brokers: context.options.broker ? [context.options.broker] : [] }));
  await run.add(planPrismaConfig(context, initCommands.seed));
  await run.add(planDatabaseClient(context, { embeddedFallback: true }));
  if (settings.outbox) await planOutboxInstall(run, context);
  await run.add(planRepositories({ domain: model, persistence: persistence.persistence, context, entities, tree: run.tree }));
  if (settings.outbox) await planExampleProjection(run, sources, model, context);
}

/** `generate projection TicketSummary --from TicketOpened TicketClosed`, on the read model init wrote. */
async function planExampleProjection(run: GenerationRun, domain: Record<string, string>, model: DomainModel, context: ProjectContext): Promise<void> {
  const { name, file, from } = exampleReadModel;
  const inspected = inspectReadModelSources({ ...domain, [file]: run.tree.read(file) ?? '' }, name);
  throwIfErrors(inspected.diagnostics, 'the example read model does not inspect cleanly (a bug in infragen init)');
  const projection = await run.add(planProjection({ name, readModel: inspected.readModel, readModelFolder: defaultReadModelFolder, from, model, context, tree: run.tree }));
  // IG805 (a handler to write) is a warning for the user's projections; the example's are all inferred.
  if (projection.diagnostics.length > 0) throw new UserError('the example projection is not fully generated (a bug in infragen init)', projection.diagnostics);
  await run.add(planRebuildScript(run.tree, context, name));
}

/** `prisma/migrations/<timestamp>_init/` (migration.sql, down.sql) from the generated schema, on the embedded engine. */
async function planInitialMigration(schema: string, context: ProjectContext): Promise<GeneratorResult> {
  const { schema: schemaPath, migrations } = context.options.paths;
  const engine = await openMigrationEngine({ schemaPath, schema });
  try {
    const plan = await planMigration({ engine, folder: readMigrationsFolder(context.root, migrations), migrationsPath: migrations, schema, name: 'init', acceptDataLoss: false });
    return generated(plan.kind === 'migration' ? plan.files : []);
  } finally {
    await engine.close();
  }
}

async function planProject(run: GenerationRun, settings: InitSettings, context: ProjectContext, progress: Progress): Promise<void> {
  const domain = await run.add(planExampleDomain(settings, context));
  await run.add(planProjectFiles(settings, context));
  const domainFiles = domain.files.map((file) => file.path);
  await planInfrastructure(run, settings, domainFiles, context);
  const schema = run.tree.read(context.options.paths.schema);
  if (schema === undefined) throw new InternalError('the schema generator planned no schema.prisma');
  await progress.run(
    'computing the initial migration with Prisma’s schema engine (embedded PostgreSQL)',
    (result: GeneratorResult) => ({ ok: true, message: `initial migration ${result.files[0]?.path.split('/').slice(-2, -1)[0] ?? '(none)'}` }),
    async () => run.add(await planInitialMigration(schema, context)),
  );
}

function nextSteps(settings: InitSettings, relative: string, installed: boolean): string[] {
  const run = settings.packageManager === 'npm' ? 'npm run' : settings.packageManager;
  return [
    `cd ${relative}`,
    ...(installed ? [] : [`${settings.packageManager} install        # also generates Prisma Client (postinstall)`]),
    `${settings.packageManager} test           # the example's tests, on the embedded PostgreSQL and the in-memory broker`,
    `${run} dev        # runs src/main.ts and restarts on change`,
    `edit src/domain, then: ${run} generate && npx infragen generate migration <name>`,
    'docker compose up -d, then set DATABASE_URL' + (settings.broker === 'none' ? '' : ` and ${brokerInfo[settings.broker].urlVariable}`) + ` and run ${run} db:migrate`,
  ];
}

/** `infragen init [dir]`: a new clean-architecture project whose infrastructure infragen itself generated. */
export async function init(options: RunOptions, reporter: Reporter, directory: string | undefined, rawFlags: RawInitFlags): Promise<FileChange[]> {
  const flags = parseInitFlags(rawFlags);
  const interactive = !options.yes && !options.json;
  if (directory !== undefined) checkTarget(path.resolve(options.cwd, directory), options.force);
  const answers = interactive ? await askInitAnswers(directory, flags) : defaultInitAnswers(directory, flags);
  const root = path.resolve(options.cwd, answers.directory);
  if (directory === undefined) checkTarget(root, options.force);
  const settings: InitSettings = {
    name: packageNameFrom(root),
    broker: answers.broker,
    packageManager: answers.packageManager,
    infragenSpecifier: infragenSpecifier(),
    outbox: answers.outbox,
  };
  const brokers = messagingBrokers(settings.broker);
  const context: ProjectContext = { ...newProjectContext(root), options: { ...defaultOptions(), ...(brokers[0] && { broker: brokers[0] }) } };
  const progress = createProgress(reporter, interactive);

  const run = await GenerationRun.start(context, options, reporter);
  await planProject(run, settings, context, progress);
  const changeSet = run.tree;
  const changes = await run.plan();
  if (options.dryRun) {
    reporter.info(`dry run: ${changes.length} files planned in ${root}; nothing was written`);
    reporter.result({ ok: true, dryRun: true, root, settings, changes: changeSet.summary(changes) });
    return changes;
  }
  await changeSet.commit(changes);
  reporter.success(`wrote ${changes.filter((change) => change.action === 'create' || change.action === 'update').length} files in ${root}`);

  const relative = path.relative(options.cwd, root) || '.';
  const { installed, failures } = await runSetupSteps(flags, settings.packageManager, root, relative, progress, reporter);
  const steps = nextSteps(settings, relative, installed);
  reporter.info(`\n${pc.bold(`Created ${settings.name}`)} (${settings.broker === 'none' ? 'in-memory broker' : `${settings.broker} + in-memory broker`}, embedded PostgreSQL by default). Next steps:`);
  for (const step of steps) reporter.info(`  ${pc.cyan(step)}`);
  if (failures.length > 0) {
    throw new UserError(`infragen init wrote ${relative}, but ${failures.length === 1 ? 'a step' : `${failures.length} steps`} after writing failed; the files stay: finish by hand`, failures);
  }
  reporter.result({ ok: true, dryRun: false, root, settings, changes: changeSet.summary(changes), installed, nextSteps: steps });
  return changes;
}
