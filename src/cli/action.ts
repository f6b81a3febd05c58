import type { Command } from 'commander';
import type { Reporter } from '../commands/reporter.js';
import { globalOptionsOf, type GlobalOptions } from './global-options.js';
import { ConsoleReporter } from './console-reporter.js';

/** Adapts a command implementation to commander: parses the global options and builds the reporter. */
export function action<Args extends unknown[]>(
  run: (options: GlobalOptions, reporter: Reporter, ...args: Args) => Promise<void>,
): (...args: [...Args, Command]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const options = globalOptionsOf(command);
    await run(options, new ConsoleReporter(options.json, options.verbose), ...(args.slice(0, -1) as Args));
  };
}
