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
}
