import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runCli, snapshotTree, type TempProject } from './support.js';

const widget =
  "export type WidgetKind = 'small' | 'large';\nexport class Widget {\n  constructor(public id: string, public name: string, public kind: WidgetKind) {}\n}\n";
const thing =
  "export type ThingKind = 'small' | 'large';\nexport class Thing {\n  constructor(public id: string, public name: string, public kind: ThingKind) {}\n}\n";
const gadget = 'export class Gadget {\n  constructor(public id: string, public label: string) {}\n}\n';
const keeper = 'export class Keeper {\n  constructor(public id: string, public label: string) {}\n}\n';
const userModel = '\nmodel AuditLog {\n  id      Int    @id\n  message String\n}\n';

describe('renaming or deleting an entity', () => {
  let project: TempProject | undefined;
  beforeAll(() => assertBuilt());
  afterEach(() => project?.remove());

  const schemaOf = (root: string) => readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
  const blocksOf = (schema: string) => [...schema.matchAll(/^(model|enum) (\w+) \{/gm)].map((match) => `${match[1]} ${match[2]}`).sort();

  it('removes the models and enums infragen wrote for it, in the plan and the diff, and the migration drops its table only with --accept-data-loss', () => {
    project = createTempProject(undefined, { 'src/domain/widget.ts': widget, 'src/domain/gadget.ts': gadget, 'src/domain/keeper.ts': keeper });
    const { root } = project;
    expect(runCli(['generate', 'repo', '--all', '--migration', 'init'], root).status).toBe(0);
    writeFileSync(path.join(root, 'prisma/schema.prisma'), schemaOf(root) + userModel);
    rmSync(path.join(root, 'src/domain/widget.ts'));
    rmSync(path.join(root, 'src/domain/gadget.ts'));
    writeFileSync(path.join(root, 'src/domain/thing.ts'), thing);

    const before = snapshotTree(root);
    const dry = runCli(['generate', 'repo', '--all', '--dry-run'], root);
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('prisma/schema.prisma: removes model Gadget, model Widget, enum WidgetKind, which no longer come from the domain');
    for (const removed of ['-model Gadget {', '-model Widget {', '-enum WidgetKind {']) expect(dry.stdout).toContain(removed);
    expect(snapshotTree(root)).toEqual(before);

    const refused = runCli(['generate', 'repo', '--all', '--migration', 'rename'], root);
    expect(refused.stderr).toMatch(/IG317: drops the table gadgets/);
    expect(refused.status).toBe(1);
    expect(snapshotTree(root)).toEqual(before);

    const accepted = runCli(['generate', 'repo', '--all', '--migration', 'rename', '--accept-data-loss'], root);
    expect(accepted.status).toBe(0);
    expect(blocksOf(schemaOf(root))).toEqual(['enum ThingKind', 'model AuditLog', 'model Keeper', 'model Thing']);
    const migration = readdirSync(path.join(root, 'prisma/migrations')).find((name) => name.endsWith('_rename'))!;
    const sql = readFileSync(path.join(root, 'prisma/migrations', migration, 'migration.sql'), 'utf8');
    expect(sql).toContain('DROP TABLE "gadgets"');
    expect(sql).toContain('DROP TABLE "widgets"');
    const { prisma, tsc } = generateClientAndTypeCheck(root);
    expect(prisma.status).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');

    expect(runCli(['generate', 'repo', '--all'], root).stderr).toMatch(/nothing to change/);
  }, 120_000);

  it('keeps and reports a block of it that the user edited, and never touches blocks of entities still declared', () => {
    project = createTempProject(undefined, { 'src/domain/gadget.ts': gadget, 'src/domain/keeper.ts': keeper });
    const { root } = project;
    expect(runCli(['generate', 'schema', '--all'], root).status).toBe(0);
    // Regenerating one entity leaves the other's block alone: it still comes from the domain.
    expect(runCli(['generate', 'schema', 'Keeper'], root).stderr).toMatch(/nothing to change/);
    const edited = schemaOf(root).replace('  label String\n', '  label String\n  notes String?\n');
    writeFileSync(path.join(root, 'prisma/schema.prisma'), edited);
    rmSync(path.join(root, 'src/domain/gadget.ts'));
    const run = runCli(['generate', 'schema', '--all'], root);
    const line = edited.split('\n').findIndex((text) => text.startsWith('model Gadget {')) + 1;
    expect(run.stderr).toContain(
      `prisma/schema.prisma:${line}:1 warning IG306: model Gadget in prisma/schema.prisma no longer comes from the domain, but it was edited since infragen wrote it: kept`,
    );
    expect(run.status).toBe(0);
    expect(schemaOf(root)).toContain('  notes String?');
    expect(blocksOf(schemaOf(root))).toEqual(['model Gadget', 'model Keeper']);
  }, 60_000);

  it('keeps the repository, mapper and model of an entity skipped for a field it cannot store: it is still in the domain', () => {
    project = createTempProject(undefined, { 'src/domain/gadget.ts': gadget, 'src/domain/keeper.ts': keeper });
    const { root } = project;
    expect(runCli(['generate', 'repo', '--all'], root).status).toBe(0);
    writeFileSync(path.join(root, 'src/domain/gadget.ts'), gadget.replace('public label: string', 'public label: string, public size: string | Date'));
    const before = snapshotTree(root);
    const run = runCli(['generate', 'repo', '--all'], root);
    expect(run.stderr).toMatch(/warning IG110: skipped Gadget/);
    expect(run.stderr).not.toMatch(/delete/);
    expect(snapshotTree(root)).toEqual(before);

    rmSync(path.join(root, 'src/domain/gadget.ts'));
    const removed = runCli(['generate', 'repo', '--all'], root);
    expect(removed.stderr).toMatch(/2 delete/);
    expect(existsSync(path.join(root, 'src/infrastructure/repos/gadget.mapper.ts'))).toBe(false);
    expect(blocksOf(schemaOf(root))).toEqual(['model Keeper']);
  }, 60_000);

  describe('with a manifest from an infragen that recorded no schema blocks', () => {
    // What such an infragen wrote: the hash of each file it wrote, and nothing about the blocks inside the schema.
    const writeOldManifest = (root: string) => {
      const schemaHash = createHash('sha256').update(schemaOf(root)).digest('hex');
      writeFileSync(path.join(root, '.infragen/manifest.json'), `{\n  "version": 1,\n  "files": {\n    "prisma/schema.prisma": "${schemaHash}"\n  }\n}\n`);
    };
    const lineOf = (schema: string, start: string) => schema.split('\n').findIndex((text) => text.startsWith(start)) + 1;

    it('counts a block as unedited only if it equals what infragen generates for it: removed then; kept and reported otherwise', () => {
      project = createTempProject(undefined, { 'src/domain/widget.ts': widget, 'src/domain/gadget.ts': gadget, 'src/domain/keeper.ts': keeper });
      const { root } = project;
      expect(runCli(['generate', 'schema', '--all'], root).status).toBe(0);
      writeFileSync(path.join(root, 'prisma/schema.prisma'), schemaOf(root).replace('  name String\n', '  name  String\n  notes String?\n') + userModel);
      writeOldManifest(root);

      // Regenerating one entity takes the manifest up: every declared block is recorded, nothing is removed.
      const taken = runCli(['generate', 'schema', 'Keeper'], root);
      expect(taken.status, taken.stderr).toBe(0);
      const schema = schemaOf(root);
      expect(taken.stderr).toContain(
        `prisma/schema.prisma:${lineOf(schema, 'model AuditLog {')}:1 warning IG309: model AuditLog in prisma/schema.prisma comes from no domain declaration, and .infragen/manifest.json (written by an older infragen) does not say whether infragen wrote it: kept`,
      );
      expect(taken.stderr.match(/IG309/g)).toHaveLength(1);
      expect(blocksOf(schema)).toEqual(['enum WidgetKind', 'model AuditLog', 'model Gadget', 'model Keeper', 'model Widget']);

      rmSync(path.join(root, 'src/domain/widget.ts'));
      rmSync(path.join(root, 'src/domain/gadget.ts'));
      const run = runCli(['generate', 'schema', '--all'], root);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('prisma/schema.prisma: removes model Gadget, which no longer comes from the domain');
      expect(run.stderr).toContain(
        `prisma/schema.prisma:${lineOf(schema, 'model Widget {')}:1 warning IG306: model Widget in prisma/schema.prisma no longer comes from the domain, but it was edited since infragen wrote it: kept`,
      );
      expect(run.stderr).toContain(
        `prisma/schema.prisma:${lineOf(schema, 'enum WidgetKind {')}:1 warning IG306: enum WidgetKind in prisma/schema.prisma no longer comes from the domain, but model Widget, which stays, uses it: kept`,
      );
      expect(run.stderr).not.toContain('IG309');
      expect(blocksOf(schemaOf(root))).toEqual(['enum WidgetKind', 'model AuditLog', 'model Keeper', 'model Widget']);
      expect(schemaOf(root)).toContain('  notes String?');
    }, 60_000);

    it('keeps and reports once a block of an entity removed before the manifest recorded blocks: infragen cannot tell it from yours', () => {
      project = createTempProject(undefined, { 'src/domain/gadget.ts': gadget, 'src/domain/keeper.ts': keeper });
      const { root } = project;
      expect(runCli(['generate', 'schema', '--all'], root).status).toBe(0);
      writeOldManifest(root);
      rmSync(path.join(root, 'src/domain/gadget.ts'));
      const schema = schemaOf(root);

      const dry = runCli(['generate', 'schema', '--all', '--dry-run'], root);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).not.toContain('-model Gadget {');
      const run = runCli(['generate', 'schema', '--all'], root);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain(`prisma/schema.prisma:${lineOf(schema, 'model Gadget {')}:1 warning IG309: model Gadget in prisma/schema.prisma`);
      expect(schemaOf(root)).toBe(schema);

      const again = runCli(['generate', 'schema', '--all'], root);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).not.toContain('IG309');
      expect(schemaOf(root)).toBe(schema);
    }, 60_000);
  });
});
