import { spawn } from 'node:child_process';
import * as prompts from '@clack/prompts';
import pc from 'picocolors';
import type { Reporter } from './reporter.js';

/** How a step ended: `✔ message` or `✖ message`. */
export interface StepEnd {
  ok: boolean;
  message: string;
}

/** A step slower than a second: clack's spinner in a terminal, one line per step otherwise. */
export interface Progress {
  run<T>(title: string, done: (result: T) => StepEnd, work: () => Promise<T>): Promise<T>;
}

export function createProgress(reporter: Reporter, interactive: boolean): Progress {
  return {
    async run(title, done, work) {
      if (!interactive || reporter.json) {
        reporter.info(pc.dim(`… ${title}`));
        const result = await work();
        const end = done(result);
        if (end.ok) reporter.success(end.message);
        else reporter.failure(end.message);
        return result;
      }
      const spinner = prompts.spinner({ output: process.stderr });
      spinner.start(title);
      try {
        const result = await work();
        const end = done(result);
        if (end.ok) spinner.stop(end.message);
        else spinner.error(end.message);
        return result;
      } catch (error) {
        spinner.error(`${title}: failed`);
        throw error;
      }
    },
  };
}

export interface CommandOutcome {
  ok: boolean;
  /** Why it did not run or failed (missing program, exit code). */
  detail?: string;
  output: string;
}

/**
 * Runs a program in `cwd` with `env` added to this process's environment, collecting its output; a program that
 * is not installed is an outcome, not a throw.
 */
export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, detail: error.code === 'ENOENT' ? `${command} is not installed` : error.message, output }),
    );
    child.once('close', (code) => resolve(code === 0 ? { ok: true, output } : { ok: false, detail: `${command} ${args.join(' ')} exited with ${code}`, output }));
  });
}
