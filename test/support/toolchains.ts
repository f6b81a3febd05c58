import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The TypeScript 5 release the corpus is also type-checked with, beside the repo's own TypeScript 7. */
export const typescript5Version = '5.9.3';

const cacheRoot = process.env.INFRAGEN_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'infragen');

/**
 * The `tsc` of TypeScript 5, installed once from the registry into infragen's cache. It is not a devDependency:
 * an aliased second `typescript` would fight the repo's own over `node_modules/.bin/tsc`.
 */
export function typescript5Compiler(): string {
  const folder = path.join(cacheRoot, 'toolchains', `typescript-${typescript5Version}`);
  const bin = path.join(folder, 'node_modules/typescript/bin/tsc');
  if (existsSync(bin)) return bin;
  mkdirSync(path.dirname(folder), { recursive: true });
  const staging = mkdtempSync(`${folder}.partial-`);
  writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `typescript@${typescript5Version}`],
    {
      cwd: staging,
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (install.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`installing typescript@${typescript5Version} into ${folder} failed: ${install.stderr}`);
  }
  // Another run may have finished first: its copy is as good as this one.
  if (!existsSync(bin)) renameSync(staging, folder);
  else rmSync(staging, { recursive: true, force: true });
  return bin;
}
