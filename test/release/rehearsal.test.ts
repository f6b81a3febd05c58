import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot } from '../e2e/support.js';

/** Minutes, and the usual registry through a local verdaccio: only when asked for. */
const rehearse = process.env.INFRAGEN_RELEASE_REHEARSAL === '1';

describe('release rehearsal', () => {
  it.runIf(rehearse)('publishes infragen and create-infragen to a local registry; npx infragen init installs, type-checks, tests and runs; npm create infragen writes a project', () => {
    assertBuilt();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/release-rehearsal.mjs')], { cwd: repoRoot, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const output = run.stdout + run.stderr;
    expect(run.status, output.slice(-4000)).toBe(0);
    expect(output).toMatch(/✔ dependencies installed/);
    expect(output).toMatch(/release rehearsal passed: infragen \d+\.\d+\.\d+ and create-infragen/);
  }, 1_200_000);
});
