import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot } from '../e2e/support.js';

const packageDir = path.join(repoRoot, 'packages/create-infragen');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies: Record<string, string> };

describe('create-infragen (npm create infragen)', () => {
  let parent: string;
  let bin: string;

  /** create-infragen installed as npm lays it out: its own folder in node_modules, infragen (this checkout) beside it. */
  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'create-infragen-'));
    const modules = path.join(parent, 'store/node_modules');
    mkdirSync(modules, { recursive: true });
    cpSync(packageDir, path.join(modules, 'create-infragen'), { recursive: true });
    symlinkSync(repoRoot, path.join(modules, 'infragen'), 'dir');
    bin = path.join(modules, 'create-infragen', readJson(path.join(packageDir, 'package.json')).bin['create-infragen']!);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const create = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: parent, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });

  it('is released in step with infragen: same version, and depends on exactly that infragen', () => {
    const infragen = readJson(path.join(repoRoot, 'package.json'));
    const create = readJson(path.join(packageDir, 'package.json'));
    expect(create.version).toBe(infragen.version);
    expect(create.dependencies).toEqual({ infragen: infragen.version });
  });

  it('runs infragen init with the arguments it was given', () => {
    const run = create(['my-app', '--yes', '--broker', 'nats', '--pm', 'pnpm', '--no-install', '--no-git']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('Created my-app');
    expect(run.stderr).toContain('pnpm test');
    const manifest = JSON.parse(readFileSync(path.join(parent, 'my-app/package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe('my-app');
    expect(manifest.dependencies).toHaveProperty('nats');
    expect(existsSync(path.join(parent, 'my-app/src/infrastructure/messaging/nats/broker.ts'))).toBe(true);
  }, 120_000);

  it('ends with infragen init’s exit code and message', () => {
    const run = create(['other-app', '--broker', 'mqtt', '--no-install']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/rabbitmq, nats, kafka, none/);
    expect(existsSync(path.join(parent, 'other-app'))).toBe(false);
  });

  it('packs its bin, package.json and README', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: packageDir, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
    expect(packed?.files.map((file) => file.path).sort()).toEqual(['README.md', 'bin/create-infragen.js', 'package.json']);
  });
});
