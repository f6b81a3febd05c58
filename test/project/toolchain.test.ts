import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolchainDiagnostics } from '../../src/project/toolchain.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'infragen-toolchain-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(manifest: object, installed: Record<string, string> = {}): void {
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, version] of Object.entries(installed)) {
    mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
}

describe('the project toolchain generated code needs', () => {
  it('accepts TypeScript 5 and 7 and Prisma 7, installed or declared', () => {
    project({ devDependencies: { typescript: '^5.4.5', prisma: '7.10.0' }, dependencies: { '@prisma/client': '^7.0.0' } }, { typescript: '7.0.2' });
    expect(toolchainDiagnostics(root, '22.12.0')).toEqual([]);
  });

  it('refuses a TypeScript older than 5.4 (what Prisma 7 needs), at its line of package.json, naming every minimum', () => {
    project({ name: 'legacy', devDependencies: { typescript: '~4.8.4' } });
    const [problem, ...rest] = toolchainDiagnostics(root, '22.12.0');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'IG030', severity: 'error', location: { file: 'package.json', line: 4, column: 5 } });
    expect(problem?.message).toContain('TypeScript ~4.8.4');
    expect(problem?.message).toContain('infragen supports TypeScript 5.4, Prisma 7.0 and Node.js 20.19, 22.12 or 24 and newer');
  });

  it('goes by the installed version over the declared range', () => {
    project({ devDependencies: { typescript: '*' } }, { typescript: '5.3.3' });
    expect(toolchainDiagnostics(root, '24.1.0').map((problem) => problem.message)).toEqual([expect.stringContaining('TypeScript 5.3.3')]);
  });

  it('accepts the Node.js lines Prisma 7 runs on and refuses the others', () => {
    project({});
    for (const version of ['20.19.0', '22.12.0', '24.0.0', '25.2.1']) expect(toolchainDiagnostics(root, version)).toEqual([]);
    for (const version of ['20.18.3', '21.7.3', '22.11.0', '23.11.1']) expect(toolchainDiagnostics(root, version)).toHaveLength(1);
  });

  it('refuses Prisma 6 (CLI or client) and a Node.js older than 20.19', () => {
    project({ dependencies: { '@prisma/client': '6.19.0' }, devDependencies: { prisma: '^6.19.0' } });
    const problems = toolchainDiagnostics(root, '18.20.4');
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Prisma (prisma) ^6.19.0'),
      expect.stringContaining('Prisma (@prisma/client) 6.19.0'),
      expect.stringContaining('Node.js 18.20.4'),
    ]);
  });
});
