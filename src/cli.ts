import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { InfragenError, ProblemsFound } from './diagnostics.js';
import { addGlobalOptions } from './cli/global-options.js';
import { registerCommands } from './cli/commands.js';
import { ConsoleReporter } from './cli/console-reporter.js';
import { packageVersion } from './project/package-info.js';

export function buildProgram(): Command {
  const program = new Command('infragen')
    .description('Generate the infrastructure layer of a clean-architecture TypeScript backend from its domain.')
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  addGlobalOptions(program);
  registerCommands(program);
  return program;
}

function report(error: unknown, verbose: boolean, json: boolean): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
  const reporter = new ConsoleReporter(json, verbose);
  if (error instanceof InfragenError) {
    process.stderr.write(`${pc.red('error')} ${error.message}\n`);
    reporter.diagnostics(error.diagnostics);
    reporter.result(error instanceof ProblemsFound ? error.result : { ok: false, error: error.message, diagnostics: error.diagnostics });
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  process.stderr.write(`${pc.red('internal error')} ${(error as Error)?.message ?? String(error)}\n`);
  process.stderr.write(verbose ? `${(error as Error)?.stack ?? ''}\n` : 'Pass --verbose for the stack trace.\n');
  return 2;
}

/** The one place that ends the process: exit 0 on success, 1 for the user's errors, 2 for ours. */
export async function main(argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  let code: number;
  try {
    await buildProgram().parseAsync(argv);
    code = 0;
  } catch (error) {
    code = report(error, verbose, json);
  }
  // Exit once the output is flushed, rather than when the last socket or timer of a driver lets go.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
