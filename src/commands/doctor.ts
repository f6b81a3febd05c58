import { existsSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { loadOptions } from '../config/load-options.js';
import { defaultOptions, type InfragenOptions } from '../config/options.js';
import { formatDiagnostic, InfragenError, ProblemsFound, UserError } from '../diagnostics.js';
import type { ProjectContext } from '../project/context.js';
import { loadProjectContext } from '../project/load-context.js';
import { fail, ok, type CheckResult } from './doctor/check.js';
import { checkEntities, checkManifest, checkOutbox, checkSchemaProvider } from './doctor/project-checks.js';
import { checkBroker, checkDatabase, checkMigrations, configuredBrokers, defaultTimeouts, type ServiceTimeouts } from './doctor/service-checks.js';
import { checkNode, checkPrismaVersions, checkTsconfig, checkTypeScript } from './doctor/toolchain-checks.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

/** A check that stopped on the user's input (a config or JSON file it could not read) is a ✖ line, not the end of doctor. */
async function guarded(name: string, run: () => CheckResult | Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const details = error.diagnostics.map(formatDiagnostic);
    return fail(name, error.message, error.diagnostics[0]?.hint ?? 'fix the file it names', details);
  }
}

async function configuration(root: string): Promise<{ options: InfragenOptions; check: CheckResult }> {
  try {
    return { options: await loadOptions(root), check: ok('config', 'infragen configuration valid (defaults where unset)') };
  } catch (error) {
    if (!(error instanceof InfragenError)) throw error;
    return { options: defaultOptions(), check: fail('config', `${error.message}; the other checks use the defaults`, 'fix the options listed', error.diagnostics.map(formatDiagnostic)) };
  }
}

function print(reporter: Reporter, check: CheckResult): void {
  const line = `${check.name}: ${check.message}`;
  if (check.status === 'ok') reporter.success(line);
  else if (check.status === 'fail') reporter.failure(line);
  else reporter.info(pc.dim(`– ${line}`));
  for (const detail of check.details ?? []) reporter.info(pc.dim(`    ${detail.replaceAll('\n', '\n    ')}`));
  if (check.fix) reporter.info(`    fix: ${check.fix}`);
}

export interface DoctorRequest {
  options: RunOptions;
  reporter: Reporter;
  env?: NodeJS.ProcessEnv;
  timeouts?: ServiceTimeouts;
}

/** `infragen doctor`: checks what the other commands rely on, one ✔/✖ line each with its fix; exit 1 when one fails. */
export async function doctor({ options, reporter, env = process.env, timeouts = defaultTimeouts }: DoctorRequest): Promise<CheckResult[]> {
  const root = options.cwd;
  const checks: CheckResult[] = [];
  const add = (check: CheckResult) => {
    checks.push(check);
    print(reporter, check);
    return check;
  };
  add(checkNode());
  if (!existsSync(path.join(root, 'package.json'))) {
    add(fail('project', `no package.json in ${root}`, 'run doctor in the project root, or create a project with `npx infragen init my-app`'));
  } else {
    const config = await configuration(root);
    add(config.check);
    let context: ProjectContext | undefined;
    add(await guarded('tsconfig', () => {
      context = loadProjectContext(root, config.options);
      return checkTsconfig(context);
    }));
    if (context) {
      const project = context;
      add(await guarded('typescript', () => checkTypeScript(root)));
      add(await guarded('prisma', () => checkPrismaVersions(project)));
      add(await guarded('schema', () => checkSchemaProvider(project)));
      add(await guarded('entities', () => checkEntities(project)));
      add(await guarded('outbox', () => checkOutbox(project)));
      const url = env.DATABASE_URL || undefined;
      const database = add(await checkDatabase(url, timeouts));
      add(await guarded('migrations', () => checkMigrations(project, url, database.status === 'ok', timeouts)));
      for (const broker of configuredBrokers(project, (file) => existsSync(path.join(root, file)))) add(await checkBroker(broker, env, timeouts));
      add(await guarded('manifest', () => checkManifest(project)));
    }
  }
  const failed = checks.filter((check) => check.status === 'fail');
  const result = { ok: failed.length === 0, checks };
  if (failed.length > 0) throw new ProblemsFound(`doctor found ${failed.length} problem${failed.length === 1 ? '' : 's'}: ${failed.map((check) => check.name).join(', ')}`, result);
  reporter.info(`no problem found (${checks.filter((check) => check.status === 'ok').length} checks passed, ${checks.filter((check) => check.status === 'skip').length} not applicable)`);
  reporter.result(result);
  return checks;
}
