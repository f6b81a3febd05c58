import path from 'node:path';
import type { Command } from 'commander';

import type { RunOptions } from '../commands/run-options.js';

/** Options every command accepts, after commander has parsed them. */
export type GlobalOptions = RunOptions;

interface RawGlobalOptions {
  cwd?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
  yes?: boolean;
  verbose?: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--cwd <dir>', 'run as if infragen was started in <dir>')
    .option('--dry-run', 'print the plan and a diff of every file; write nothing')
    .option('--force', 'overwrite files you edited since infragen wrote them')
    .option('--json', 'print the plan or result as JSON on stdout')
    .option('-y, --yes', 'answer every prompt with its default (implied when stdin is not a terminal)')
    .option('--verbose', 'print stack traces of errors');
}

/** Reads the global options from any (sub)command. Non-interactive when stdin is not a TTY or CI is set. */
export function globalOptionsOf(command: Command): GlobalOptions {
  const raw = command.optsWithGlobals<RawGlobalOptions>();
  return {
    cwd: path.resolve(raw.cwd ?? process.cwd()),
    dryRun: raw.dryRun === true,
    force: raw.force === true,
    json: raw.json === true,
    yes: raw.yes === true || !process.stdin.isTTY || Boolean(process.env.CI),
    verbose: raw.verbose === true,
  };
}
