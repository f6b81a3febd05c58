import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built CLI; INFRAGEN_BENCH_CLI measures another build (e.g. an older commit's, for before/after figures). */
export const cliPath = process.env.INFRAGEN_BENCH_CLI ?? path.join(here, '..', 'bin', 'infragen.js');

/**
 * Runs `node <args>` once and returns its wall time, peak resident memory and CPU time (user + system: on a
 * machine shared with other work, CPU time varies less than wall time).
 */
function measureNode(args, cwd) {
  const usageDir = mkdtempSync(path.join(os.tmpdir(), 'infragen-usage-'));
  const usageFile = path.join(usageDir, 'usage.json');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', path.join(here, 'measure-process.mjs'), ...args], {
    cwd,
    env: { ...process.env, INFRAGEN_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  const { maxRssKiB, cpuMs } = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageDir, { recursive: true, force: true });
  return { wallMs, peakMiB: maxRssKiB / 1024, cpuMs };
}

/** Runs the built CLI once: its wall time, peak resident memory and CPU time. */
export function measureCli(args, cwd) {
  return measureNode([cliPath, ...args], cwd);
}

/** The bare floor: `node -e 0`, started the same way as the CLI (same preload), so ratios compare like with like. */
export function measureFloor() {
  return measureNode(['-e', '0'], os.tmpdir());
}

/** The run with the median wall time of `runs` (each a function returning a measurement). */
export function median(measurements) {
  const sorted = [...measurements].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
