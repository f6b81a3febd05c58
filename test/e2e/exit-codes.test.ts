import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable, serviceUrls } from '../support/services.js';
import { assertBuilt, createTempProject, runCli, snapshotTree, type TempProject } from './support.js';

// Every problem in the user's input or environment exits 1 with a message and a hint, and no stack trace;
// exit 2 is left for infragen's own bugs.

let project: TempProject | undefined;
beforeAll(() => assertBuilt());
afterEach(() => project?.remove());

function shop(): TempProject {
  project = createTempProject('test/fixtures/domains/shop');
  return project;
}

function expectUserError(result: { status: number | null; stderr: string }, code: string): void {
  expect(result.stderr).toContain(`error ${code}:`);
  expect(result.stderr).toContain('hint:');
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
  expect(result.status).toBe(1);
}

describe('exit 1 with a message and a hint, for the user to fix', () => {
  it('a configuration file with a syntax error, or one that throws', () => {
    const { root } = shop();
    writeFileSync(path.join(root, 'infragen.config.ts'), 'export default {{{\n');
    const syntax = runCli(['generate', 'schema', '--all'], root);
    expectUserError(syntax, 'IG004');
    expect(syntax.stderr).toContain('infragen.config.ts');
    writeFileSync(path.join(root, 'infragen.config.ts'), "throw new Error('no config for you');\n");
    const throwing = runCli(['generate', 'schema', '--all'], root);
    expectUserError(throwing, 'IG004');
    expect(throwing.stderr).toContain('no config for you');
  });

  it('a manifest that is a directory', () => {
    const { root } = shop();
    mkdirSync(path.join(root, '.infragen/manifest.json'), { recursive: true });
    expectUserError(runCli(['generate', 'schema', '--all'], root), 'IG015');
  });

  it('generate seed when every aggregate was skipped: nothing to seed, nothing written', () => {
    project = createTempProject();
    const { root } = project;
    mkdirSync(path.join(root, 'src/domain'), { recursive: true });
    writeFileSync(path.join(root, 'src/domain/note.ts'), 'export class Note {\n  id!: string;\n  /** @map("") */\n  text!: string;\n}\n');
    expect(runCli(['generate', 'repo', '--all'], root).stderr).toContain('warning IG110');
    const before = snapshotTree(root);
    expectUserError(runCli(['generate', 'seed', '--all'], root), 'IG505');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('--cwd naming a missing directory, or a file', () => {
    const { root } = shop();
    expectUserError(runCli(['--cwd', path.join(root, 'missing'), 'generate', 'schema', '--all'], root), 'IG005');
    expectUserError(runCli(['--cwd', path.join(root, 'package.json'), 'generate', 'schema', '--all'], root), 'IG005');
  });

  it('a table over PostgreSQL’s 1,600-column limit, located at the entity, writing nothing', () => {
    const fields = Array.from({ length: 1601 }, (_, index) => `  readonly field${index}!: string;`).join('\n');
    const { root } = shop();
    writeFileSync(path.join(root, 'src/domain/wide.ts'), `export class Wide {\n  readonly id!: string;\n${fields}\n}\n`);
    const before = snapshotTree(root);
    const result = runCli(['generate', 'schema', '--all'], root);
    expectUserError(result, 'IG205');
    expect(result.stderr).toMatch(/src\/domain\/wide\.ts:1:\d+ error IG205/);
    expect(snapshotTree(root)).toEqual(before);
  });

  describe('a DATABASE_URL that cannot be used', () => {
    let postgres = false;
    beforeAll(async () => {
      postgres = await serviceAvailable('database');
    });

    const deploy = (url: string) => {
      const { root } = shop();
      expect(runCli(['generate', 'schema', '--all', '--migration', 'init'], root).status).toBe(0);
      return runCli(['migrate', 'deploy'], root, { DATABASE_URL: url });
    };

    it('malformed', () => expectUserError(deploy('not a url'), 'IG320'));
    it('unreachable, within a bounded time', () => expectUserError(deploy('postgresql://postgres@127.0.0.1:1/test'), 'IG321'));
    it('an unknown role', (context) => {
      if (!postgres) context.skip();
      const url = new URL(serviceUrls.database);
      url.username = 'no_such_role_infragen';
      expectUserError(deploy(url.toString()), 'IG322');
    });
    it('an unknown database, with its password redacted', (context) => {
      if (!postgres) context.skip();
      const url = new URL(serviceUrls.database);
      url.pathname = '/no_such_database_infragen';
      url.password = 'secret-password';
      const result = deploy(url.toString());
      expectUserError(result, 'IG323');
      expect(result.stderr).not.toContain('secret-password');
    });
  });

  it('a migration whose SQL the database rejects, naming the migration and the database’s words', () => {
    const { root } = shop();
    expect(runCli(['generate', 'schema', '--all', '--migration', 'init'], root).status).toBe(0);
    const broken = path.join(root, 'prisma/migrations/29990101000000_broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'migration.sql'), 'ALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n');
    const result = runCli(['migrate', 'deploy'], root);
    expectUserError(result, 'IG324');
    expect(result.stderr).toContain('29990101000000_broken');
    expect(result.stderr).toMatch(/no_such_table/);
  });
});
