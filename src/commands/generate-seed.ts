import pc from 'picocolors';
import { Node, Project, SyntaxKind, type ObjectLiteralExpression } from 'ts-morph';
import type { GlobalOptions } from '../cli/global-options.js';
import type { Reporter } from '../cli/reporter.js';
import { UserError } from '../diagnostics.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import type { PackageRequirement } from '../generators/package-json/index.js';
import { DomainLookup } from '../generators/repos/domain-lookup.js';
import { repositoryPackages } from '../generators/repos/index.js';
import { planRepositoryTests, planSeeds, planSeedScripts, seedPackages, type PlannedSeeds } from '../generators/seeds/index.js';
import type { ProjectContext } from '../project/context.js';
import { DiskProjectFiles } from '../workspace/index.js';
import type { PlannedFile, ProjectFiles } from '../workspace/planned-file.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import { loadGenerationInput, type LoadedDomain } from './load-domain.js';

export interface GenerateSeedRequest {
  options: GlobalOptions;
  reporter: Reporter;
  /** Entity names; empty means every aggregate. */
  entities: readonly string[];
  /** How many of each aggregate a run creates by default. */
  count: number;
}

/** `infragen generate seed`: faker seed modules saved through the generated repositories, and Prisma's seed command. */
export async function generateSeed({ options, reporter, entities, count }: GenerateSeedRequest): Promise<ApplyResult> {
  const { context, domain } = await loadGenerationInput(options, reporter, entities);
  const stored = new Set(domain.persistence.models.filter((model) => !model.owner).map((model) => model.name));
  const requested = entities.length > 0 ? entities : domain.model.entities.map((entity) => entity.name).filter((name) => stored.has(name));
  const projectFiles = new DiskProjectFiles(context.root);
  const seeds = planSeeds({ domain: domain.model, persistence: domain.persistence, context, entities: requested, count, projectFiles });
  const errors = seeds.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new UserError(`the seeds cannot be generated; nothing was written`, seeds.diagnostics);
  reporter.diagnostics(seeds.diagnostics);
  const tests = repositoryTests(domain, context, seeds, projectFiles);
  const packageJson = planSeedScripts(projectFiles, [...repositoryPackages, ...seedPackages, ...(tests.length > 0 ? testPackages : [])], seeds.command);
  const prismaConfig = prismaConfigWithSeed(context, projectFiles, seeds.command);
  const planned: PlannedFile[] = [...seeds.files, ...tests, ...prismaConfig.files, ...packageJson.files];
  for (const note of [...seeds.notes, ...prismaConfig.notes]) reporter.info(pc.dim(`note: ${note}`));
  reporter.info(`seed order: ${seeds.steps.map((step) => `${step.entity}${step.through === 'prisma' ? ' (Prisma Client)' : ''}`).join(' → ')}`);
  const result = await applyPlan(planned, context, options, reporter);
  if (result.written) {
    const install = packageJson.added.length > 0 ? `install the added packages (${packageJson.added.map((pkg) => pkg.name).join(', ')}), then ` : '';
    reporter.info(`next: ${install}run \`${packageJson.scriptAdded || hasSeedScript(projectFiles) ? 'npm run db:seed' : seeds.command}\` (or \`npx prisma db seed\`)`);
  }
  return result;
}

const testPackages: readonly PackageRequirement[] = [{ name: 'vitest', version: '4.1.12', dev: true }];

/** A vitest suite per repository the seeds save through, built on the seed builders. */
function repositoryTests(domain: LoadedDomain, context: ProjectContext, seeds: PlannedSeeds, projectFiles: ProjectFiles): PlannedFile[] {
  const lookup = new DomainLookup(domain.model, domain.persistence);
  return planRepositoryTests({ lookup, context, repositories: seeds.repositories, seeds, projectFiles });
}

function hasSeedScript(projectFiles: ProjectFiles): boolean {
  return projectFiles.read('package.json')?.includes('"db:seed"') ?? false;
}

/**
 * `prisma.config.ts` with `migrations.seed`: written with it when absent, otherwise edited through its syntax
 * tree (the file is the user's), leaving a seed command the user chose alone.
 */
function prismaConfigWithSeed(context: ProjectContext, projectFiles: ProjectFiles, command: string): { files: PlannedFile[]; notes: string[] } {
  const file = context.options.paths.prismaConfig;
  const text = projectFiles.read(file);
  if (text === undefined) return { files: planPrismaConfig(context, command), notes: [] };
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile(file, text);
  const config = configObject(source.getDefaultExportSymbol()?.getDeclarations()[0]);
  if (!config) return { files: [], notes: [`${file} has no configuration object infragen can read: add \`seed: '${command}'\` under \`migrations\` yourself`] };
  const migrations = config.getProperty('migrations');
  if (!migrations) {
    config.addPropertyAssignment({ name: 'migrations', initializer: `{ seed: '${command}' }` });
  } else {
    const object = Node.isPropertyAssignment(migrations) ? migrations.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression) : undefined;
    if (!object) return { files: [], notes: [`${file}: \`migrations\` is not an object literal: add \`seed: '${command}'\` to it yourself`] };
    const seed = object.getProperty('seed');
    if (seed) {
      const current = Node.isPropertyAssignment(seed) ? seed.getInitializer()?.getText().slice(1, -1) : undefined;
      return { files: [], notes: current === command ? [] : [`${file} already has a seed command (${seed.getText()}); left as it is`] };
    }
    object.addPropertyAssignment({ name: 'seed', initializer: `'${command}'` });
  }
  return { files: [{ path: file, content: source.getFullText(), policy: 'merged', generator: 'seeds' }], notes: [] };
}

/** The object of `export default defineConfig({ … })` or `export default { … }`. */
function configObject(declaration: Node | undefined): ObjectLiteralExpression | undefined {
  const expression = Node.isExportAssignment(declaration) ? declaration.getExpression() : undefined;
  if (Node.isObjectLiteralExpression(expression)) return expression;
  if (Node.isCallExpression(expression)) {
    const [argument] = expression.getArguments();
    if (Node.isObjectLiteralExpression(argument)) return argument;
  }
  return undefined;
}
