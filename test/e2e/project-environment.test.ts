// The project's own toolchain and database, refused before anything is read or written when generated code
// could not work with them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, type TempProject } from './support.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanup) remove();
  cleanup = [];
});
beforeAll(() => assertBuilt());

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

describe('the project environment', () => {
  it('refuses a project on TypeScript 4 and Prisma 6 with IG030 at their lines of package.json, writing nothing', () => {
    // No node_modules: the declared versions are what the project would install.
    const root = mkdtempSync(path.join(tmpdir(), 'infragen-environment-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    write(root, {
      'package.json': `${JSON.stringify({ name: 'legacy', devDependencies: { prisma: '^6.16.0', typescript: '~4.8.4' } }, null, 2)}\n`,
      'src/domain/user.ts': 'export class User {\n  constructor(readonly id: string, readonly name: string) {}\n}\n',
    });
    const run = runCli(['generate', 'repo', '--all'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('package.json:4:5 error IG030: the project uses Prisma (prisma) ^6.16.0');
    expect(run.stderr).toContain('package.json:5:5 error IG030: the project uses TypeScript ~4.8.4');
    expect(run.stderr).toContain('infragen supports TypeScript 5.4, Prisma 7.0 and Node.js 20.19, 22.12 or 24 and newer');
    expect(existsSync(path.join(root, 'prisma'))).toBe(false);
  });

  it('never switches an existing MySQL schema to PostgreSQL: IG305 at its provider line, nothing written', () => {
    const project: TempProject = createTempProject('test/fixtures/domains/shop');
    cleanup.push(project.remove);
    const schema = 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated"\n}\n\ndatasource db {\n  provider = "mysql"\n}\n';
    write(project.root, { 'prisma/schema.prisma': schema });
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('prisma/schema.prisma:7:3 error IG305');
    expect(readFileSync(path.join(project.root, 'prisma/schema.prisma'), 'utf8')).toBe(schema);
    expect(existsSync(path.join(project.root, 'src/infrastructure'))).toBe(false);
  });
});
