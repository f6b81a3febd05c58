import { planDependencies } from '../generators/package-json/index.js';
import { planPrismaConfigSeed } from '../generators/prisma-config/index.js';
import { DomainLookup } from '../generators/repos/domain-lookup.js';
import { repositoryPackages } from '../generators/repos/index.js';
import { planRepositoryTests, planSeeds, planSeedScript, repositoryTestPackages, seedPackages } from '../generators/seeds/index.js';
import { errorDiagnostic, UserError } from '../diagnostics.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { loadGenerationInput } from './load-domain.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

export interface GenerateSeedRequest {
  options: RunOptions;
  reporter: Reporter;
  /** Entity names; empty means every aggregate. */
  entities: readonly string[];
  /** How many of each aggregate a run creates by default. */
  count: number;
}

/** `infragen generate seed`: faker seed modules saved through the generated repositories, their tests, and Prisma's seed command. */
export async function generateSeed({ options, reporter, entities, count }: GenerateSeedRequest): Promise<ApplyResult> {
  const { context, domain } = await loadGenerationInput(options, reporter, entities);
  const stored = new Set(domain.persistence.models.filter((model) => !model.owner).map((model) => model.name));
  const requested = entities.length > 0 ? entities : domain.model.entities.map((entity) => entity.name).filter((name) => stored.has(name));
  if (requested.length === 0) {
    // A seed script over no model would not even type-check (its counts have no keys).
    throw new UserError('nothing to seed: no aggregate is stored; nothing was written', [
      errorDiagnostic('IG505', 'no aggregate of the domain is stored (each was skipped, or none was found)', undefined, 'run `infragen generate repo --all --verbose` to see why each one was skipped'),
    ]);
  }
  const run = await GenerationRun.start(context, options, reporter);
  const { tree } = run;
  const seeds = await run.add(planSeeds({ domain: domain.model, persistence: domain.persistence, context, entities: requested, count, tree }));
  const lookup = new DomainLookup(domain.model, domain.persistence);
  const tests = await run.add(planRepositoryTests({ lookup, context, repositories: seeds.repositories, seeds, tree }));
  await run.add(planSeedScript(tree, seeds.command));
  await run.add(planDependencies(tree, [...repositoryPackages, ...seedPackages, ...(tests.files.length > 0 ? repositoryTestPackages : [])], 'seeds'));
  await run.add(planPrismaConfigSeed(tree, context, seeds.command));
  return run.finish();
}
