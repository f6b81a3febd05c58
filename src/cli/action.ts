import type { Command } from 'commander';
import type { Reporter } from '../commands/reporter.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import { statSync } from 'node:fs';
import { errorDiagnostic, UserError } from '../diagnostics.js';
import { ConsoleReporter } from './console-reporter.js';

/** `--cwd` (or the current folder) must be a directory that exists. */
function checkProjectDirectory(dir: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // missing: reported below
  }
  if (!isDirectory) {
    throw new UserError(`${dir} is not a directory`, [errorDiagnostic('IG005', `the project directory ${dir} does not exist or is not a directory`, undefined, 'pass --cwd the folder of your project')]);
  }
}

/** Adapts a command implementation to commander: parses the global options and builds the reporter. */
export function action<Args extends unknown[]>(
  run: (options: GlobalOptions, reporter: Reporter, ...args: Args) => Promise<void>,
): (...args: [...Args, Command]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const options = globalOptionsOf(command);
    checkProjectDirectory(options.cwd);
    await run(options, new ConsoleReporter(options.json, options.verbose), ...(args.slice(0, -1) as Args));
  };
}
