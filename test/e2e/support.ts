import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(repoRoot, 'bin/infragen.js');

/** The end-to-end tests run the built CLI; `npm test` builds it first. */
export function assertBuilt(): void {
  if (!existsSync(path.join(repoRoot, 'dist/cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it) before the end-to-end tests');
  }
}

export interface TempProject {
  root: string;
  remove(): void;
}

/**
 * A throw-away project outside the repository, with infragen's own node_modules linked in so generated
 * code can be compiled and run without installing anything per test.
 */
export function createTempProject(fixture?: string, extra: Record<string, string> = {}): TempProject {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infragen-e2e-'));
  if (fixture) cpSync(path.join(repoRoot, fixture), root, { recursive: true });
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'e2e-project', private: true, type: 'module' }, null, 2),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    ),
    ...extra,
  };
  for (const [file, text] of Object.entries(files)) {
    if (!existsSync(path.join(root, file)) || file in extra) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A tsconfig.json stricter than the default one (NodeNext, `noUncheckedIndexedAccess`, ES2023), covering `include`;
 * `compilerOptions` adds to it (e.g. `erasableSyntaxOnly`).
 */
export function strictTsconfig(include: readonly string[] = ['src', 'test'], compilerOptions: Record<string, unknown> = {}): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      ...compilerOptions,
    },
    include,
  });
}

/** What a project needs to run under Node's type stripping: no TypeScript-only runtime syntax (parameter properties, enums, namespaces), type-only imports marked. */
export const erasableOnly = { erasableSyntaxOnly: true, verbatimModuleSyntax: true } as const;

export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
  });
}

/** Environment under which the Prisma CLI's validate/format/generate run offline (see shared notes). */
export function offlinePrismaEnv(): NodeJS.ProcessEnv {
  return { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
}

export function runBin(bin: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin', bin), [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

export interface ProjectTestOutcome {
  fullName: string;
  status: string;
  failureMessages: string[];
}

/**
 * Runs the project's own vitest on `target` (a file or folder of `root`) and reads each test's outcome from its JSON
 * report; a run that wrote no report (vitest itself failed) throws with what it printed.
 */
export function runProjectTests(root: string, target: string, env: NodeJS.ProcessEnv = {}): { run: SpawnSyncReturns<string>; outcomes: ProjectTestOutcome[] } {
  const report = path.join(root, `${path.basename(target).replace(/\.test\.ts$/, '')}-report.json`);
  rmSync(report, { force: true });
  const run = runBin('vitest', ['run', target, '--reporter=json', `--outputFile=${report}`], root, env);
  if (!existsSync(report)) throw new Error(`vitest wrote no report for ${target} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { assertionResults: ProjectTestOutcome[] }[] };
  return { run, outcomes: testResults.flatMap((file) => file.assertionResults) };
}

/** The outcomes that are not passes, each as its test's name and failure messages. */
export function failuresOf(outcomes: readonly ProjectTestOutcome[], failing: (status: string) => boolean = (status) => status !== 'passed'): string[] {
  return outcomes.filter((outcome) => failing(outcome.status)).map((outcome) => `${outcome.fullName}: ${outcome.failureMessages.join('\n')}`);
}

/** Every file under `root` (node_modules left out) with its content, to prove a run wrote nothing. */
export function snapshotTree(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else result[path.relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return result;
}

/** Generates Prisma Client offline, then type-checks the project; the compiler's output, '' when clean. */
export function generateClientAndTypeCheck(root: string): { prisma: SpawnSyncReturns<string>; tsc: SpawnSyncReturns<string> } {
  const prisma = runBin('prisma', ['generate'], root, offlinePrismaEnv());
  return { prisma, tsc: runBin('tsc', ['-p', '.'], root) };
}
