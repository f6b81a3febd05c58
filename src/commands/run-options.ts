import type { MergeMode } from '../workspace/index.js';

/** What every command is run with, whoever runs it (the CLI, a plopfile, a test). */
export interface RunOptions {
  /** Absolute project root. */
  cwd: string;
  dryRun: boolean;
  force: boolean;
  json: boolean;
  /** Never prompt: take every default. */
  yes: boolean;
  verbose: boolean;
  /** What to do with generated files the user edited (`--merge`); by default their edits are merged in. */
  merge?: MergeMode;
}
