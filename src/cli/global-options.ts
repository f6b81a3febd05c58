import path from 'node:path';
import { Option, type Command } from 'commander';
import type { MergeMode } from '../workspace/index.js';

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
  merge?: MergeMode;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--cwd <dir>', 'run as if infragen was started in <dir>')
    .option('--dry-run', 'print the plan and a diff of every file; write nothing')
    .option('--force', 'overwrite files you edited since infragen wrote them')
    .addOption(
      new Option('--merge <mode>', 'generated files you edited: markers (write conflict markers where your edits clash), theirs (keep yours), ours (take the new output); by default your edits are merged and a clash stops the run').choices([
        'markers',
        'theirs',
        'ours',
      ]),
    )
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
    ...(raw.merge && { merge: raw.merge }),
  };
}
