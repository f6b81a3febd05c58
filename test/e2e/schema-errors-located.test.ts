import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, snapshotTree, type TempProject } from './support.js';

/** An entity whose fourth line holds the field under test, with its tag on the third. */
const item = (tag: string, field: string, extra = '') =>
  `export class Item {\n  constructor(\n    public id: string,\n    /** ${tag} */\n    public ${field},${extra}\n  ) {}\n}\n`;

describe('errors about the schema point at the domain field they come from', () => {
  let project: TempProject | undefined;
  beforeAll(() => assertBuilt());
  afterEach(() => project?.remove());

  const refusedAt = (source: string, expected: RegExp) => {
    project = createTempProject(undefined, { 'src/domain/item.ts': source });
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'schema', '--all'], project.root);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/prisma\/schema\.prisma:\d+/);
    expect(run.status).toBe(1);
    expect(snapshotTree(project.root)).toEqual(before);
  };

  it('a @db tag Prisma rejects', () => {
    refusedAt(item('@db.Uuid', 'count: number'), /src\/domain\/item\.ts:5:12 error IG302: Prisma rejects Item\.count .*Native type Uuid is not compatible/);
  });

  it('a @default of the wrong type', () => {
    refusedAt(item('@default(true)', 'count: number'), /src\/domain\/item\.ts:5:12 error IG302: Prisma rejects Item\.count .*@default/);
  });

  it('a @map naming the column of another field', () => {
    refusedAt(
      item('@map("label")', 'code: string', '\n    public label: string'),
      /src\/domain\/item\.ts:5:12 error IG207: Item\.code and Item\.label are both stored in the column "label"/,
    );
  });
});
