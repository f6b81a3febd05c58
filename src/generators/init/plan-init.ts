import { brokerInfo } from '../../config/brokers.js';
import type { ProjectContext } from '../../project/context.js';
import type { ContentPlannedFile, TemplatePlannedFile } from '../../workspace/planned-file.js';
import { generated, type GeneratorResult } from '../generator-result.js';
import { messagingPackages, type Broker } from '../messaging/index.js';
import type { PackageRequirement } from '../package-json/index.js';
import { embeddedDatabasePackages, repositoryPackages } from '../repos/index.js';
import { exampleDomain, projectFiles, type InitTemplate } from './templates.js';
import { initToolPackages, outboxPackages, projectionPackages } from '../versions.js';

export type InitBroker = Broker | 'none';
export type PackageManager = 'npm' | 'pnpm' | 'yarn';

/** What `infragen init` was asked for, after flags and answers are normalised. */
export interface InitSettings {
  /** The package name of the new project. */
  name: string;
  broker: InitBroker;
  packageManager: PackageManager;
  /** How the project depends on infragen: its pinned version, or `file:<path>` when run from a source checkout. */
  infragenSpecifier: string;
  /**
   * The transactional outbox (what `infragen add outbox` writes) and the example's read model, projected from
   * the ticket's events; without it, the use cases publish their events after saving, as before.
   */
  outbox: boolean;
}

/** The scripts' shell commands, shared by package.json, prisma.config.ts and the README. */
export const initCommands = {
  seed: 'jiti src/infrastructure/db/seeds/seed.ts',
  start: 'jiti src/main.ts',
} as const;


/** The brokers `planMessaging` generates adapters for (the in-memory one always comes with them). */
export function messagingBrokers(broker: InitBroker): Broker[] {
  return broker === 'none' ? [] : [broker];
}

/** Every name form the init templates print, computed here once. */
export function initView(settings: InitSettings, context: ProjectContext) {
  const run = settings.packageManager === 'npm' ? 'npm run' : settings.packageManager;
  const info = settings.broker === 'none' ? undefined : brokerInfo[settings.broker];
  return {
    name: settings.name,
    importSuffix: context.importSuffix,
    outbox: settings.outbox,
    broker: settings.broker,
    brokerLabel: info?.label ?? 'none (in-memory only)',
    brokerUrl: info?.urlVariable,
    brokerLocalUrl: info?.localUrl,
    /** The compose service of the chosen broker, a partial of templates/init/_partials. */
    composePartial: settings.broker === 'none' ? undefined : `init/_partials/compose-${settings.broker}`,
    /** Yarn Berry's install state is ignored in .gitignore. */
    yarn: settings.packageManager === 'yarn',
    install: `${settings.packageManager} install`,
    run,
    test: `${settings.packageManager} test`,
    embeddedDataDir: '.data/pglite',
    paths: context.options.paths,
    clientImport: `./db/client${context.importSuffix}`,
    messagingImport: `./messaging/index${context.importSuffix}`,
  };
}

export type InitView = ReturnType<typeof initView>;

/** The packages the new project declares: what generated code imports plus the tools its scripts run. */
export function initPackages(settings: InitSettings): PackageRequirement[] {
  const messaging = messagingBrokers(settings.broker).flatMap((broker): readonly PackageRequirement[] => messagingPackages[broker]);
  const all: PackageRequirement[] = [
    ...repositoryPackages,
    ...embeddedDatabasePackages,
    ...messaging,
    ...messagingPackages.acceptance,
    ...(settings.outbox ? [...outboxPackages, ...projectionPackages] : []),
    ...initToolPackages,
    { name: 'infragen', version: settings.infragenSpecifier, dev: true },
  ];
  const byName = new Map(all.map((pkg) => [pkg.name, pkg]));
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function packageJson(settings: InitSettings): ContentPlannedFile {
  const packages = initPackages(settings);
  const section = (dev: boolean) => Object.fromEntries(packages.filter((pkg) => pkg.dev === dev).map((pkg) => [pkg.name, pkg.version]));
  const manifest = {
    name: settings.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20.19' },
    scripts: {
      dev: 'node --watch --import jiti/register src/main.ts',
      start: initCommands.start,
      test: 'vitest run',
      typecheck: 'tsc --noEmit',
      'db:migrate': 'infragen migrate deploy',
      'db:seed': initCommands.seed,
      generate: 'infragen generate repo --all && prisma generate',
      postinstall: 'prisma generate',
    },
    dependencies: section(false),
    devDependencies: section(true),
  };
  return { path: 'package.json', content: `${JSON.stringify(manifest, null, 2)}\n`, policy: 'scaffold', generator: 'init', format: false };
}

/**
 * pnpm 10 and later stop the install until each dependency with an install script is allowed or denied.
 * Prisma's download engine binaries the project does not use: npm 11 does not run them either, and the release
 * rehearsal's project type-checks, passes its tests and runs without them.
 */
function pnpmWorkspace(): ContentPlannedFile {
  const content = ["# Which dependencies' install scripts pnpm runs: Prisma's engine downloads are not needed here.", 'allowBuilds:', "  '@prisma/engines': false", '  prisma: false', ''].join('\n');
  return { path: 'pnpm-workspace.yaml', content, policy: 'scaffold', generator: 'init', format: false };
}

/**
 * Yarn Berry's own files. `nodeLinker: node-modules`: under Yarn 4's default, Plug'n'Play, the project does not
 * work (tried with 4.18.1): the postinstall `prisma generate` cannot load its own modules from Yarn's zip cache,
 * `tsc` (TypeScript 7) finds no `@types/node`, and tests and src/main.ts then lack Prisma Client. The empty
 * `yarn.lock` makes the folder a project of its own: without one, Yarn takes the topmost folder above it with a
 * package.json for the project and refuses to install.
 */
function yarnFiles(): ContentPlannedFile[] {
  const yarnrc = ["# Prisma's generator and TypeScript 7 need a node_modules folder: Yarn's default, Plug'n'Play, has none.", 'nodeLinker: node-modules', ''].join('\n');
  return [
    { path: '.yarnrc.yml', content: yarnrc, policy: 'scaffold', generator: 'init', format: false },
    { path: 'yarn.lock', content: '', policy: 'scaffold', generator: 'init', format: false },
  ];
}

function plan(entries: readonly InitTemplate[], view: InitView): TemplatePlannedFile[] {
  return entries
    .filter((entry) => !entry.outboxOnly || view.outbox)
    .map((entry) => ({ path: entry.output, template: entry.template, data: view, policy: entry.policy, generator: 'init' }));
}

/** The example domain alone: what the inspector reads before the generators run. */
export function planExampleDomain(settings: InitSettings, context: ProjectContext): GeneratorResult<TemplatePlannedFile> {
  return generated(plan(exampleDomain, initView(settings, context)));
}

/** The rest of the new project's own files (application, tests, configuration, README) and its package.json. */
export function planProjectFiles(settings: InitSettings, context: ProjectContext): GeneratorResult {
  const own = { npm: [], pnpm: [pnpmWorkspace()], yarn: yarnFiles() }[settings.packageManager];
  return generated([...plan(projectFiles, initView(settings, context)), packageJson(settings), ...own]);
}
