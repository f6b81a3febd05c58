import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, repoRoot } from './support.js';

interface PackedFile {
  path: string;
}

describe('the npm package', () => {
  let work: string;
  let bin: string;

  beforeAll(() => {
    assertBuilt();
    work = mkdtempSync(path.join(os.tmpdir(), 'infragen-pack-'));
    execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repoRoot, env: { ...process.env, npm_config_ignore_scripts: 'true' } });
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'))!;
    execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
    // The unpacked package resolves its dependencies from the repository's node_modules, as an install would.
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(work, 'package/node_modules'), 'dir');
    bin = path.join(work, 'package/bin/infragen.js');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the CLI, its compiled code and templates, and nothing of the sources or tests', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: repoRoot, encoding: 'utf8' })) as { files: PackedFile[] }[];
    const files = listing[0]!.files.map((file) => file.path);
    expect(files).toContain('bin/infragen.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('templates/repos/prisma-repository.ts.hbs');
    expect(files).toContain('templates/db/client.ts.hbs');
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
  });

  it('runs from the unpacked tarball: --help, --version, and a generation', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: infragen/);
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const project = createTempProject('test/fixtures/domains/shop');
    try {
      const run = spawnSync(process.execPath, [bin, 'generate', 'schema', '--all'], { cwd: project.root, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('create    prisma/schema.prisma');
    } finally {
      project.remove();
    }
  });
});

describe('--help', () => {
  const commands = [[], ['generate'], ['generate', 'schema'], ['generate', 'repo'], ['generate', 'events'], ['generate', 'migration'], ['migrate', 'deploy'], ['migrate', 'down'], ['add', 'messaging'], ['templates', 'eject']];
  it.each(commands)('is there for every command: %s', (...words) => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin/infragen.js'), ...words, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: infragen/);
    expect(run.stdout).toMatch(/Options:/);
  });
});
