import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, repoRoot, runCli, snapshotTree, type TempProject } from './support.js';

// Reads and writes stay inside the project: a glob, a configured path or a symbolic link that leads elsewhere is
// refused with IG010, exit 1, and nothing is written inside or outside the project.

let project: TempProject | undefined;
let outside: string | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  project?.remove();
  if (outside) rmSync(outside, { recursive: true, force: true });
  project = outside = undefined;
});

function shop(): { root: string; elsewhere: string } {
  project = createTempProject('test/fixtures/domains/shop');
  outside = mkdtempSync(path.join(os.tmpdir(), 'infragen-elsewhere-'));
  return { root: project.root, elsewhere: outside };
}

function expectRefused(result: { status: number | null; stderr: string }, ...fragments: string[]): void {
  expect(result.stderr).toContain('error IG010:');
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
  expect(result.status).toBe(1);
}

describe('refusing to read or write outside the project', () => {
  it.each([
    ['paths.repos', { paths: { repos: '../elsewhere/repos' } }],
    ['paths.prismaClientOutput', { paths: { prismaClientOutput: '/tmp/prisma-client' } }],
    ['templates', { templates: '../../shared-templates' }],
  ])('a configured %s outside the project', (key, config) => {
    const { root, elsewhere } = shop();
    writeFileSync(path.join(root, 'infragen.config.json'), JSON.stringify(config));
    const before = snapshotTree(root);
    expectRefused(runCli(['generate', 'repo', '--all'], root), `option "${key}"`);
    expect(snapshotTree(root)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a configured folder that is a symbolic link to a folder elsewhere', () => {
    const { root, elsewhere } = shop();
    mkdirSync(path.join(root, 'src/infrastructure'), { recursive: true });
    symlinkSync(elsewhere, path.join(root, 'src/infrastructure/repos'), 'dir');
    const before = snapshotTree(root);
    expectRefused(runCli(['generate', 'repo', '--all'], root), 'option "paths.repos"', `symbolic link to ${elsewhere}`);
    expect(snapshotTree(root)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a generated file whose folder is linked outside, though no option names it', () => {
    const { root, elsewhere } = shop();
    symlinkSync(elsewhere, path.join(root, 'prisma'), 'dir');
    expectRefused(runCli(['generate', 'schema', '--all'], root), 'symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('an entities glob that climbs out of the project', () => {
    const { root } = shop();
    writeFileSync(path.join(root, 'infragen.config.json'), JSON.stringify({ entities: ['src/domain/**/*.ts', '../**/domain/*.ts'] }));
    expectRefused(runCli(['generate', 'schema', '--all'], root), '"../**/domain/*.ts"');
  });

  it('a domain folder that is a symbolic link to code elsewhere', () => {
    const { root, elsewhere } = shop();
    cpSync(path.join(repoRoot, 'test/fixtures/domains/shop/src/domain/customer'), path.join(elsewhere, 'customer'), { recursive: true });
    symlinkSync(path.join(elsewhere, 'customer'), path.join(root, 'src/domain/linked'), 'dir');
    const before = snapshotTree(root);
    expectRefused(runCli(['generate', 'schema', '--all'], root), 'src/domain/linked/customer.ts matches the entities globs');
    expect(snapshotTree(root)).toEqual(before);
  });
});
