import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const cliPath = path.join(here, '..', 'bin', 'infragen.js');

/** Runs the built CLI once and returns its wall time and peak resident memory. */
export function measureCli(args, cwd) {
  const usageDir = mkdtempSync(path.join(os.tmpdir(), 'infragen-usage-'));
  const usageFile = path.join(usageDir, 'usage.json');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', path.join(here, 'measure-process.mjs'), cliPath, ...args], {
    cwd,
    env: { ...process.env, INFRAGEN_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`infragen ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  const { maxRssKiB } = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageDir, { recursive: true, force: true });
  return { wallMs, peakMiB: maxRssKiB / 1024 };
}
