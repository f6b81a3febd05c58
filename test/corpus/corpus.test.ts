// Each bounded context of test/fixtures/corpus, written the way a real team writes its domain, goes the whole way
// in a temp copy: every aggregate gets a repository, the whole project type-checks under its own tsconfig with
// TypeScript 7 and 5, and the project's own generated repository tests pass on the real PostgreSQL.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kebabCase } from 'change-case';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { assertBuilt, offlinePrismaEnv, repoRoot, runBin, runCli } from '../e2e/support.js';
import { typescript5Compiler, typescript5Version } from '../support/toolchains.js';
import { copyCorpusContext, corpusContexts } from './corpus-project.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

const contexts = corpusContexts();
const compilers = [
  { label: 'TypeScript 7', bin: () => path.join(repoRoot, 'node_modules/typescript/bin/tsc') },
  { label: `TypeScript ${typescript5Version}`, bin: typescript5Compiler },
];

interface Outcome {
  fullName: string;
  status: string;
  failureMessages: string[];
}

function vitestOutcomes(root: string, env: NodeJS.ProcessEnv): Outcome[] {
  const report = path.join(root, 'corpus-report.json');
  runBin('vitest', ['run', 'test/repos', '--reporter=json', `--outputFile=${report}`], root, env);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { assertionResults: Outcome[] }[] };
  return parsed.testResults.flatMap((file) => file.assertionResults);
}

it('the corpus has at least eight bounded contexts', () => {
  expect(contexts.map((context) => context.name).length).toBeGreaterThanOrEqual(8);
});

describe.runIf(postgres).each(contexts)('the $name context ($manifest.style)', (context) => {
  let project: ReturnType<typeof copyCorpusContext>;
  const schemaName = scratchSchemaName(`corpus_${context.name.replace(/\W/g, '_')}`);
  const env = { DATABASE_URL: schemaUrl(schemaName) };

  beforeAll(() => {
    assertBuilt();
    project = copyCorpusContext(context);
  });

  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it('generates a repository for every aggregate and skips none', () => {
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/IG401|skipped/);
    for (const aggregate of context.manifest.aggregates) expect(run.stderr).toContain(`/prisma-${kebabCase(aggregate)}.repository.ts`);
  });

  it('writes the project its own repository tests', () => {
    const seed = runCli(['generate', 'seed', '--all'], project.root);
    expect(seed.status, seed.stderr).toBe(0);
  });

  it('writes a schema Prisma accepts and generates a client from', () => {
    const validate = runBin('prisma', ['validate'], project.root, offlinePrismaEnv());
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    const generate = runBin('prisma', ['generate'], project.root, offlinePrismaEnv());
    expect(generate.status, generate.stdout + generate.stderr).toBe(0);
  });

  it.each(compilers)('type-checks the whole project with its own tsconfig under $label', ({ bin }) => {
    const run = spawnSync(bin(), ['--noEmit', '-p', '.'], { cwd: project.root, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('round-trips every aggregate on PostgreSQL with the project’s own generated tests', () => {
    const migration = runCli(['generate', 'migration', 'init'], project.root, env);
    expect(migration.status, migration.stderr).toBe(0);
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
    const outcomes = vitestOutcomes(project.root, env);
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    expect(failed.map((outcome) => `${outcome.fullName}: ${outcome.failureMessages.join('\n')}`)).toEqual([]);
    const passed = outcomes.filter((outcome) => outcome.status === 'passed').map((outcome) => outcome.fullName);
    for (const aggregate of context.manifest.aggregates) {
      const roundTrip = passed.filter((name) => name.includes(`${aggregate}Repository`) && name.includes('reads back'));
      expect(roundTrip, `no passing round trip for ${aggregate}`).toHaveLength(1);
    }
  });
});
