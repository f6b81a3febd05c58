import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { PackageManager } from '../generators/init/index.js';
import { runCommand, type CommandOutcome, type Progress } from './init-steps.js';
import type { Reporter } from './reporter.js';

/** What ran after the files were written, and what the user has to run again by hand. */
export interface SetupOutcome {
  installed: boolean;
  failures: Diagnostic[];
}

const errorLine = /\b(err!?|error)\b|ERR_|YN\d{4}/i;
const stackFrame = /\s{2,}at\s/;

/**
 * The lines of a failed program's output that say why: the first few that look like errors (npm's
 * `npm error …`, pnpm's `ERR_PNPM_…`, yarn's `YN0001: …`; stack frames left out), else the last few lines.
 */
export function firstErrorLines(output: string, count = 6): string[] {
  const lines = output.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  const errors = lines.filter((line) => errorLine.test(line) && !stackFrame.test(line));
  return (errors.length > 0 ? errors : lines.slice(-count)).slice(0, count);
}

/**
 * Yarn Berry installs with `--immutable` when CI is set, which refuses to write the lockfile a new project does
 * not have yet; Yarn 1 ignores the variable.
 */
const installEnv: Record<PackageManager, NodeJS.ProcessEnv> = { npm: {}, pnpm: {}, yarn: { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } };

function failureDetail(outcome: CommandOutcome, retry: string, reporter: Reporter): void {
  for (const line of firstErrorLines(outcome.output)) reporter.info(`  ${line}`);
  reporter.info(`  retry: ${retry}`);
}

/**
 * `install` and `git init` in the new project. A failure is reported with the program's own first error
 * lines and the command to run again, and returned as a diagnostic so that init ends with exit 1; the
 * written files stay either way.
 */
export async function runSetupSteps(
  steps: { install: boolean; git: boolean },
  packageManager: PackageManager,
  root: string,
  relative: string,
  progress: Progress,
  reporter: Reporter,
): Promise<SetupOutcome> {
  const failures: Diagnostic[] = [];
  let installed = false;
  if (steps.install) {
    const retry = `cd ${relative} && ${packageManager} install`;
    const install = await progress.run(
      `installing dependencies with ${packageManager}`,
      (outcome) => (outcome.ok ? { ok: true, message: 'dependencies installed' } : { ok: false, message: `${packageManager} install failed: ${outcome.detail}` }),
      () => runCommand(packageManager, ['install'], root, installEnv[packageManager]),
    );
    installed = install.ok;
    if (!install.ok) {
      failureDetail(install, retry, reporter);
      failures.push(errorDiagnostic('IG024', `${packageManager} install failed in ${relative}: ${install.detail}`, undefined, `fix what it reported above, then run \`${retry}\``));
    }
  }
  if (steps.git) {
    const git = await runCommand('git', ['init', '--quiet'], root);
    if (git.ok) reporter.success('initialised a git repository');
    else if (git.detail?.includes('not installed')) reporter.warn('git is not installed: the project is not a git repository');
    else {
      const retry = `cd ${relative} && git init`;
      reporter.failure(`git init failed: ${git.detail}`);
      failureDetail(git, retry, reporter);
      failures.push(errorDiagnostic('IG025', `git init failed in ${relative}: ${git.detail}`, undefined, `fix what it reported above, then run \`${retry}\``));
    }
  }
  return { installed, failures };
}
