import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, snapshotTree, type TempProject } from './support.js';

describe('a generated file the user edited', () => {
  let project: TempProject;
  const repository = 'src/infrastructure/repos/prisma-order.repository.ts';

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop');
    expect(runCli(['generate', 'repo', 'Order'], project.root).status).toBe(0);
  });
  afterAll(() => project?.remove());

  it('keeps the edit when it regenerates, and says so', () => {
    appendFileSync(path.join(project.root, repository), '\n// my change\n');
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'repo', 'Order'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`unchanged\\s+${repository}.*your edits kept`));
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('stops with exit 1, naming the file, when no copy of the earlier output is kept to merge the edit with', () => {
    const generated = path.join(project.root, '.infragen/generated');
    const kept = snapshotTree(generated);
    for (const file of Object.keys(kept)) rmSync(path.join(generated, file));
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'repo', 'Order'], project.root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(repository);
    expect(run.stderr).toMatch(/--force/);
    expect(snapshotTree(project.root)).toEqual(before);
    for (const [file, text] of Object.entries(kept)) writeFileSync(path.join(generated, file), text);
  });

  it('is overwritten with --force', () => {
    const run = runCli(['generate', 'repo', 'Order', '--force'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(project.root, repository), 'utf8')).not.toContain('// my change');
  });

  it('a scaffold the user owns is kept, even with changes infragen would make', () => {
    const client = path.join(project.root, 'src/infrastructure/db/client.ts');
    appendFileSync(client, '\nexport const mine = 1;\n');
    const run = runCli(['generate', 'repo', 'Order'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/keep\s+src\/infrastructure\/db\/client\.ts/);
    expect(readFileSync(client, 'utf8')).toContain('export const mine = 1;');
  });
});

describe('an aggregate removed from the domain', () => {
  it('takes its generated repository and mapper with it on `generate repo --all`, and says so', () => {
    assertBuilt();
    const project = createTempProject('test/fixtures/domains/shop', {
      'src/domain/coupon.ts': 'export class Coupon {\n  constructor(\n    readonly id: string,\n    readonly code: string,\n  ) {}\n}\n',
      'src/domain/coupon-repository.ts': "import type { Coupon } from './coupon.js';\n\nexport interface CouponRepository {\n  findById(id: string): Promise<Coupon | null>;\n  save(coupon: Coupon): Promise<void>;\n}\n",
    });
    try {
      expect(runCli(['generate', 'repo', '--all'], project.root).status).toBe(0);
      const generated = ['src/infrastructure/repos/prisma-coupon.repository.ts', 'src/infrastructure/repos/coupon.mapper.ts'];
      for (const file of generated) expect(snapshotTree(project.root)[file]).toBeDefined();
      rmSync(path.join(project.root, 'src/domain/coupon.ts'));
      rmSync(path.join(project.root, 'src/domain/coupon-repository.ts'));
      const run = runCli(['generate', 'repo', '--all'], project.root);
      expect(run.status, run.stderr).toBe(0);
      for (const file of generated) {
        expect(run.stderr).toMatch(new RegExp(`delete\\s+${file.replace(/\./g, '\\.')}`));
        expect(snapshotTree(project.root)[file]).toBeUndefined();
      }
    } finally {
      project.remove();
    }
  });
});
