import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstErrorLines } from '../../src/commands/init-setup.js';
import { assertBuilt, cliPath } from '../e2e/support.js';

function initIn(parent: string, args: string[], env: NodeJS.ProcessEnv) {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1' };
  delete base.npm_config_user_agent;
  return spawnSync(process.execPath, [cliPath, 'init', ...args, '--yes'], { cwd: parent, encoding: 'utf8', env: { ...base, ...env } });
}

describe('infragen init, when a step after writing fails', () => {
  let parent: string;

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-init-setup-'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('reports a failed npm install with ✖, npm’s own error lines and the retry command, keeps the files, and exits 1', () => {
    const run = initIn(parent, ['offline-app', '--no-git'], {
      // A registry nobody listens on, no retries, and an empty cache so nothing is served from an earlier install.
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
      npm_config_cache: path.join(parent, 'npm-cache'),
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('✖ npm install failed: npm install exited with 1');
    expect(run.stderr).not.toMatch(/✔ .*install failed/);
    expect(run.stderr).toMatch(/^ {2}npm error .*ECONNREFUSED/m);
    expect(run.stderr).toContain('retry: cd offline-app && npm install');
    expect(run.stderr).toContain('infragen init wrote offline-app, but a step after writing failed; the files stay');
    expect(run.stderr).toContain('error IG024: npm install failed in offline-app');
    expect(existsSync(path.join(parent, 'offline-app/package.json'))).toBe(true);
    expect(existsSync(path.join(parent, 'offline-app/node_modules/.bin/vitest'))).toBe(false);
  }, 180_000);

  it('reports a failed git init the same way and exits 1', () => {
    // GIT_DIR under a file: git cannot create the repository there.
    const run = initIn(parent, ['no-git-app', '--no-install'], { GIT_DIR: '/dev/null/repo.git' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('✖ git init failed: git init --quiet exited with');
    expect(run.stderr).toContain('retry: cd no-git-app && git init');
    expect(run.stderr).toContain('error IG025: git init failed in no-git-app');
    expect(existsSync(path.join(parent, 'no-git-app/src/main.ts'))).toBe(true);
  }, 120_000);

  it('says JSON-readably which step failed', () => {
    const run = initIn(parent, ['json-app', '--no-install', '--json'], { GIT_DIR: '/dev/null/repo.git' });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; diagnostics: { code: string; hint: string }[] };
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['IG025']);
    expect(result.diagnostics[0]?.hint).toContain('cd json-app && git init');
  }, 120_000);
});

describe('firstErrorLines', () => {
  it('keeps the lines that look like errors, else the last lines', () => {
    expect(firstErrorLines('resolving\nnpm error code E404\nnpm error 404 Not Found\ndone\n')).toEqual(['npm error code E404', 'npm error 404 Not Found']);
    expect(firstErrorLines(' ERR_PNPM_FETCH_404  GET https://x: Not Found\n')).toEqual([' ERR_PNPM_FETCH_404  GET https://x: Not Found']);
    expect(firstErrorLines('a\nb\nc\n', 2)).toEqual(['b', 'c']);
    expect(firstErrorLines('npm error FetchError: refused\nnpm error     at ClientRequest.<anonymous> (x.js:1:1)\n')).toEqual(['npm error FetchError: refused']);
  });
});
