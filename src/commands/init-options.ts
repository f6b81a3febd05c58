import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError, errorDiagnostic } from '../diagnostics.js';
import type { InitBroker, PackageManager } from '../generators/init/index.js';

export const initBrokers = ['rabbitmq', 'nats', 'kafka', 'none'] as const satisfies readonly InitBroker[];
export const packageManagers = ['npm', 'pnpm', 'yarn'] as const satisfies readonly PackageManager[];

/** `infragen init`'s own flags as commander hands them over (`--no-install` gives `install: false`). */
export interface RawInitFlags {
  broker?: string;
  pm?: string;
  install?: boolean;
  git?: boolean;
  /** Undefined unless `--outbox` or `--no-outbox` was passed: then the prompt (or the default, on) decides. */
  outbox?: boolean;
}

const flagsSchema = z.object({
  broker: z.enum(initBrokers).optional(),
  pm: z.enum(packageManagers).optional(),
  install: z.boolean().default(true),
  git: z.boolean().default(true),
  outbox: z.boolean().optional(),
});

export type InitFlags = z.output<typeof flagsSchema>;

/** Checks the flags once; a wrong value names the flag and the allowed values. */
export function parseInitFlags(raw: RawInitFlags): InitFlags {
  const result = flagsSchema.safeParse(raw);
  if (result.success) return result.data;
  const diagnostics = result.error.issues.map((issue) => {
    const flag = String(issue.path[0]);
    const allowed = flag === 'broker' ? initBrokers : flag === 'pm' ? packageManagers : [];
    return errorDiagnostic('IG020', `--${flag} ${JSON.stringify((raw as Record<string, unknown>)[flag])} is not allowed`, undefined, `use one of: ${allowed.join(', ')}`);
  });
  throw new UserError('invalid option for infragen init', diagnostics);
}

/** A valid npm package name from a directory name: `My App` → `my-app`. */
export function packageNameFrom(directory: string): string {
  const name = path
    .basename(path.resolve(directory))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'app';
}

/** The package manager that ran `npx`/`pnpm dlx`/`yarn dlx`, from `npm_config_user_agent`; npm otherwise. */
export function detectPackageManager(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const agent = env.npm_config_user_agent ?? '';
  return packageManagers.find((pm) => agent.startsWith(`${pm}/`)) ?? 'npm';
}

/** Refuses a target that exists and holds anything, unless forced; nothing has been written at this point. */
export function checkTarget(target: string, force: boolean): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) {
    throw new UserError(`${target} exists and is not a directory`, [errorDiagnostic('IG021', `${target} is a file`, undefined, 'choose another directory name')]);
  }
  const entries = readdirSync(target);
  if (entries.length === 0 || force) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
  throw new UserError(`${target} is not empty; nothing was written`, [
    errorDiagnostic('IG022', `the target directory already holds ${shown}`, undefined, 'choose an empty or new directory, or pass --force to write into it anyway'),
  ]);
}
