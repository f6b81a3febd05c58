import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPackagesCommand, projectPackageManager } from '../../src/project/package-manager.js';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function projectWith(files: Record<string, string>): string {
  root = mkdtempSync(path.join(os.tmpdir(), 'infragen-pm-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  return root;
}

describe('projectPackageManager', () => {
  it.each([
    [{ 'package.json': '{}' }, 'npm'],
    [{ 'package.json': '{}', 'pnpm-lock.yaml': '' }, 'pnpm'],
    [{ 'package.json': '{}', 'yarn.lock': '' }, 'yarn'],
    [{ 'package.json': JSON.stringify({ packageManager: 'yarn@4.5.0' }), 'package-lock.json': '{}' }, 'yarn'],
    [{ 'package.json': JSON.stringify({ packageManager: 'bun@1.0.0' }), 'pnpm-lock.yaml': '' }, 'pnpm'],
    [{ 'package.json': '{ not json', 'yarn.lock': '' }, 'yarn'],
  ])('%j → %s', (files, expected) => {
    expect(projectPackageManager(projectWith(files))).toBe(expected);
  });
});

describe('addPackagesCommand', () => {
  it('speaks each package manager’s own verbs', () => {
    expect(addPackagesCommand('npm', ['a@1', 'b@2'])).toBe('npm install a@1 b@2');
    expect(addPackagesCommand('npm', ['a@1'], true)).toBe('npm install --save-dev a@1');
    expect(addPackagesCommand('pnpm', ['a@1'], true)).toBe('pnpm add -D a@1');
    expect(addPackagesCommand('yarn', ['a@1'])).toBe('yarn add a@1');
  });
});
