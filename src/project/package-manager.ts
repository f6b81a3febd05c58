import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ProjectPackageManager = 'npm' | 'pnpm' | 'yarn';

const lockfiles: [string, ProjectPackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
];

/** The package manager a project uses: its package.json `packageManager` field, else its lockfile, else npm. */
export function projectPackageManager(root: string): ProjectPackageManager {
  try {
    const declared = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: unknown }).packageManager;
    const name = typeof declared === 'string' ? declared.split('@')[0] : undefined;
    if (name === 'npm' || name === 'pnpm' || name === 'yarn') return name;
  } catch {
    // no readable package.json: the lockfile decides
  }
  return lockfiles.find(([file]) => existsSync(path.join(root, file)))?.[1] ?? 'npm';
}

/** The command that adds `packages` (`name@version`) to the project's dependencies, or its devDependencies. */
export function addPackagesCommand(manager: ProjectPackageManager, packages: readonly string[], dev = false): string {
  const verb = manager === 'npm' ? `npm install${dev ? ' --save-dev' : ''}` : `${manager} add${dev ? ' -D' : ''}`;
  return `${verb} ${packages.join(' ')}`;
}
