import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, snapshotTree, type TempProject } from './support.js';

describe('templates eject: the project’s copy of a template wins', () => {
  let project: TempProject;
  const ejected = '.infragen/templates/repos/prisma-repository.ts.hbs';

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop');
  });
  afterAll(() => project?.remove());

  it('copies the bundled templates under a path into the templates folder', () => {
    const run = runCli(['templates', 'eject', 'repos/prisma-repository.ts.hbs'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(project.root, ejected), 'utf8')).toContain('export class {{className}}{{#if portName}} {{#if extendsPort}}extends{{else}}implements{{/if}} {{portName}}{{/if}} {');
    expect(existsSync(path.join(project.root, '.infragen/templates/repos/mapper.ts.hbs'))).toBe(false);
  });

  it('renders the edited copy instead of the bundled template', () => {
    const file = path.join(project.root, ejected);
    writeFileSync(file, readFileSync(file, 'utf8').replace('/** {{#if portName}}{{portName}}{{else}}The {{entityName}} repository{{/if}} on PostgreSQL through Prisma Client. */', '/** {{portName}}, reviewed by the platform team. */'));
    const run = runCli(['generate', 'repo', 'Order'], project.root);
    expect(run.status, run.stderr).toBe(0);
    const repository = readFileSync(path.join(project.root, 'src/infrastructure/repos/prisma-order.repository.ts'), 'utf8');
    expect(repository).toContain('/** OrderRepository, reviewed by the platform team. */');
    expect(readFileSync(path.join(project.root, 'src/infrastructure/repos/order.mapper.ts'), 'utf8')).toContain('export function toOrder(');
  });

  it('refuses a template path that does not exist, naming it', () => {
    const run = runCli(['templates', 'eject', 'repos/nope.hbs'], project.root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/IG012.*repos\/nope\.hbs/s);
  });
});

describe('configuration', () => {
  beforeAll(() => assertBuilt());

  it('a wrong key fails with its name, exit 1, nothing written', () => {
    const project = createTempProject('test/fixtures/domains/shop', { 'infragen.config.json': JSON.stringify({ entitys: ['src/domain/**/*.ts'] }) });
    try {
      const before = snapshotTree(project.root);
      const run = runCli(['generate', 'schema', '--all'], project.root);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('entitys');
      expect(snapshotTree(project.root)).toEqual(before);
    } finally {
      project.remove();
    }
  });

  it('a key in package.json changes where files go, and the naming', () => {
    const manifest = JSON.stringify({ name: 'shop', private: true, type: 'module', infragen: { paths: { schema: 'db/schema.prisma' }, naming: { tableCase: 'pascal', pluralTables: false } } });
    const project = createTempProject('test/fixtures/domains/shop', { 'package.json': manifest });
    try {
      const run = runCli(['generate', 'schema', '--all'], project.root);
      expect(run.status, run.stderr).toBe(0);
      const schema = readFileSync(path.join(project.root, 'db/schema.prisma'), 'utf8');
      // Tables named as the models: no @@map at all, where the default would map to order_lines.
      expect(schema).toContain('model OrderLine {');
      expect(schema).not.toContain('@@map(');
      expect(readFileSync(path.join(project.root, 'prisma.config.ts'), 'utf8')).toContain("schema: 'db/schema.prisma'");
    } finally {
      project.remove();
    }
  });
});
