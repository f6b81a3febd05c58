import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTarget, detectPackageManager, packageNameFrom, parseInitFlags } from '../../src/commands/init-options.js';
import { defaultOptions } from '../../src/config/options.js';
import { UserError } from '../../src/diagnostics.js';
import { initPackages, planExampleDomain, planProjectFiles, type InitSettings } from '../../src/generators/init/index.js';
import { planDatabaseClient } from '../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../src/inspect/index.js';
import type { ProjectContext } from '../../src/project/context.js';
import { createRenderer, renderAll } from '../../src/render/index.js';
import type { PlannedFile, RenderedFile } from '../../src/workspace/planned-file.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const context: ProjectContext = { root: '/new', options: defaultOptions(), moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
const settings: InitSettings = { name: 'demo', broker: 'rabbitmq', packageManager: 'npm', infragenSpecifier: '0.1.0', outbox: true };

async function render(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
  return renderAll(createRenderer({ projectRoot: '/new' }), files);
}

describe('the database client with and without the embedded fallback', () => {
  it('keeps the DATABASE_URL-only client when the flag is off', async () => {
    const planned = planDatabaseClient(context).files;
    expect(planned[0]!.data).toEqual({ clientImport: './generated/prisma/client.js', configType: 'DatabaseConfig' });
    const [client] = await render(planned);
    expect(client!.content).toContain("if (!url) throw new Error('DATABASE_URL is not set");
    expect(client!.content).toContain('export function createPrismaClient(config: DatabaseConfig = databaseConfigFromEnv()): PrismaClient {');
    expect(client!.content).not.toMatch(/PGlite|embedded/i);
  });

  it('falls back to PGlite, migrated from the migrations folder, when the flag is on', async () => {
    const [client] = await render(planDatabaseClient(context, { embeddedFallback: true }).files);
    const text = client!.content;
    expect(text).toContain("import { PrismaPGlite } from 'pglite-prisma-adapter';");
    expect(text).toContain('if (!url) return embeddedConfigFromEnv(env);');
    expect(text).toContain("dataDir: env['EMBEDDED_DATABASE_DIR'] || '.data/pglite'");
    expect(text).toContain("migrationsDir: env['EMBEDDED_MIGRATIONS_DIR'] || 'prisma/migrations'");
    expect(text).toContain("if ('dataDir' in config) return createEmbeddedClient(config);");
    expect(text).toContain('if (client) await closeDatabase(client);');
    expect(text).not.toContain("throw new Error('DATABASE_URL is not set");
  });
});

describe('the example domain', () => {
  it("is read by infragen's inspector as intended: aggregate, child, value object, enum, port with a derived finder, event, publisher port", async () => {
    const files = await render(planExampleDomain(settings, context).files);
    const { model, diagnostics } = inspectDomainSources(Object.fromEntries(files.map((file) => [file.path, file.content])));
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(model.entities.map((entity) => entity.name)).toEqual(['Comment', 'Ticket']);
    expect(model.valueObjects.map((valueObject) => valueObject.name)).toEqual(['Email', 'TicketId']);
    expect(model.enums.map((enumeration) => enumeration.name)).toEqual(['Priority']);
    expect(model.events.map((event) => event.name)).toEqual(['TicketClosed', 'TicketOpened']);
    expect(model.eventPublisherPorts.map((port) => port.name)).toEqual(['EventPublisher']);
    const port = model.repositoryPorts.find((candidate) => candidate.name === 'TicketRepository');
    expect(port?.methods.map((method) => method.name)).toEqual(['findById', 'save', 'findAllByPriorityOrderByOpenedAtDesc']);
  });
});

describe('the project files', () => {
  it('pins every package at the version infragen itself uses, where infragen has it', () => {
    const own = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const pinned = { ...own.dependencies, ...own.devDependencies };
    const packages = initPackages(settings);
    for (const pkg of packages) {
      if (pkg.name in pinned) expect(`${pkg.name}@${pkg.version}`).toBe(`${pkg.name}@${pinned[pkg.name]}`);
      expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(packages.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'pglite-prisma-adapter', 'amqplib', 'infragen', 'vitest', 'prisma']));
    expect(initPackages({ ...settings, broker: 'none' }).map((pkg) => pkg.name)).not.toContain('amqplib');
  });

  it('writes package.json with the scripts, and the dot files under their real names', async () => {
    const files = await render(planProjectFiles({ ...settings, packageManager: 'pnpm' }, context).files);
    const manifest = JSON.parse(files.find((file) => file.path === 'package.json')!.content) as { scripts: Record<string, string>; type: string };
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['dev', 'test', 'db:migrate', 'db:seed', 'generate']));
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['.gitignore', '.env.example', 'compose.yaml', 'tsconfig.json', 'vitest.config.ts']));
    expect(files.find((file) => file.path === 'README.md')!.content).toContain('pnpm db:seed');
    expect(files.find((file) => file.path === '.env.example')!.content).toContain('AMQP_URL=');
    const tsconfig = JSON.parse(files.find((file) => file.path === 'tsconfig.json')!.content) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' });
    expect(files.find((file) => file.path === 'pnpm-workspace.yaml')!.content).toContain("allowBuilds:\n  '@prisma/engines': false\n  prisma: false\n");
  });

  it('writes pnpm-workspace.yaml only for pnpm', async () => {
    const paths = (await render(planProjectFiles(settings, context).files)).map((file) => file.path);
    expect(paths).toContain('package.json');
    expect(paths).not.toContain('pnpm-workspace.yaml');
    expect(paths).not.toContain('.yarnrc.yml');
    expect(paths).not.toContain('yarn.lock');
  });

  it('writes for yarn a node_modules linker, an empty yarn.lock (a project of its own) and ignores .yarn/', async () => {
    const yarnFiles = await render(planProjectFiles({ ...settings, packageManager: 'yarn' }, context).files);
    const npmFiles = await render(planProjectFiles(settings, context).files);
    const content = (files: RenderedFile[], file: string) => files.find((candidate) => candidate.path === file)?.content;
    expect(content(yarnFiles, '.yarnrc.yml')).toMatch(/^nodeLinker: node-modules$/m);
    expect(content(yarnFiles, 'yarn.lock')).toBe('');
    expect(content(yarnFiles, '.gitignore')).toContain('\n.yarn/*\n!.yarn/releases\n');
    expect(content(npmFiles, '.gitignore')).not.toContain('.yarn');
    expect(content(yarnFiles, 'README.md')).toContain('yarn db:seed');
    expect(yarnFiles.map((file) => file.path)).not.toContain('pnpm-workspace.yaml');
  });
});

describe('the outbox option (on by default)', () => {
  const content = (files: RenderedFile[], file: string) => files.find((candidate) => candidate.path === file)?.content;

  it('with the outbox: a read model, its test, use cases that only save, and a container running the relay and the projection', async () => {
    const files = await render(planProjectFiles(settings, context).files);
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['src/application/read-models/ticket-summary.ts', 'test/ticket-summary.test.ts']));
    expect(content(files, 'src/application/read-models/ticket-summary.ts')).toContain('export interface TicketSummary {');
    for (const useCase of ['src/application/open-ticket.ts', 'src/application/close-ticket.ts']) {
      expect(content(files, useCase)).toContain('await this.tickets.save(ticket);');
      expect(content(files, useCase)).not.toMatch(/EventPublisher|publishAll/);
    }
    const container = content(files, 'src/infrastructure/container.ts')!;
    expect(container).toContain('outboxRelayFromEnv({ database: prisma, catalog: domainEvents, publisher: broker.publisher(), env: relayEnv })');
    expect(container).toContain('ticketSummaryConsumer(broker, prisma)');
    expect(container).not.toContain('BrokerEventPublisher');
    const main = content(files, 'src/main.ts')!;
    expect(main).toContain('await app.relay.start();');
    expect(main).toContain('app.ticketSummaries.findByTicketId(ticket.id.value)');
    expect(initPackages(settings).map((pkg) => pkg.name)).toContain('@types/pg');
  });

  it('without it (--no-outbox): the use cases publish after saving, and there is no read model', async () => {
    const plain = { ...settings, outbox: false };
    const files = await render(planProjectFiles(plain, context).files);
    expect(files.map((file) => file.path)).not.toEqual(expect.arrayContaining(['src/application/read-models/ticket-summary.ts']));
    expect(files.map((file) => file.path)).not.toContain('test/ticket-summary.test.ts');
    expect(content(files, 'src/application/open-ticket.ts')).toContain('await this.events.publishAll(ticket.pullDomainEvents());');
    const container = content(files, 'src/infrastructure/container.ts')!;
    expect(container).toContain('new BrokerEventPublisher(broker.publisher())');
    expect(container).not.toMatch(/relay|ticketSummar/i);
    expect(content(files, 'src/main.ts')).not.toMatch(/relay|ticketSummar/i);
    expect(initPackages(plain).map((pkg) => pkg.name)).not.toContain('@types/pg');
  });
});

describe('init options', () => {
  it('names the flag and its allowed values', () => {
    expect(() => parseInitFlags({ broker: 'mqtt' })).toThrow(UserError);
    expect(parseInitFlags({ broker: 'kafka' })).toMatchObject({ broker: 'kafka' });
    try {
      parseInitFlags({ pm: 'bun' });
    } catch (error) {
      expect((error as UserError).diagnostics[0]).toMatchObject({ code: 'IG020', hint: 'use one of: npm, pnpm, yarn' });
    }
    expect(parseInitFlags({ install: false })).toEqual({ install: false, git: true });
    expect(parseInitFlags({ outbox: false })).toMatchObject({ outbox: false });
  });

  it('derives a package name and the package manager that ran it', () => {
    expect(packageNameFrom('/tmp/My Shop App')).toBe('my-shop-app');
    expect(packageNameFrom('./.hidden')).toBe('hidden');
    expect(detectPackageManager({ npm_config_user_agent: 'pnpm/9.0.0 npm/? node/v20' })).toBe('pnpm');
    expect(detectPackageManager({ npm_config_user_agent: 'yarn/4.18.1 npm/? node/v20.20.2 linux x64' })).toBe('yarn');
    expect(detectPackageManager({})).toBe('npm');
  });

  it('accepts a missing or empty directory, refuses a non-empty one unless forced', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infragen-target-'));
    try {
      expect(() => checkTarget(path.join(dir, 'new'), false)).not.toThrow();
      mkdirSync(path.join(dir, 'empty'));
      expect(() => checkTarget(path.join(dir, 'empty'), false)).not.toThrow();
      writeFileSync(path.join(dir, 'empty', 'a.txt'), '');
      expect(() => checkTarget(path.join(dir, 'empty'), false)).toThrow(/is not empty; nothing was written/);
      expect(() => checkTarget(path.join(dir, 'empty'), true)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
