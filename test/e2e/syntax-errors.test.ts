import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runCli, snapshotTree, type TempProject } from './support.js';

const label = 'export class Label {\n  constructor(public readonly value: string) {}\n}\n';
const widget = "import { Label } from './label.js';\nexport class Widget {\n  constructor(public id: string, public name: string, public label: Label) {}\n}\n";

describe('a domain file with a syntax error', () => {
  let project: TempProject | undefined;
  beforeAll(() => assertBuilt());
  afterEach(() => project?.remove());

  const refused = (files: Record<string, string>, located: RegExp) => {
    project = createTempProject(undefined, files);
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.stderr).toMatch(located);
    expect(run.stderr).toMatch(/IG104/);
    expect(run.status).toBe(1);
    expect(snapshotTree(project.root)).toEqual(before);
  };

  it('is refused when it declares an entity, located at the error, and nothing is written', () => {
    const broken = widget.replace('  constructor', '  rename( {\n  constructor');
    refused(
      { 'src/domain/widget.ts': broken, 'src/domain/label.ts': label },
      /src\/domain\/widget\.ts:\d+:\d+ error IG104: src\/domain\/widget\.ts does not parse/,
    );
  });

  it('is refused when it is only imported by an entity (a value object), located in that file', () => {
    const broken = label.replace('  constructor', '  shorten(: number\n  constructor');
    refused({ 'src/domain/widget.ts': widget, 'src/domain/label.ts': broken }, /src\/domain\/label\.ts:2:11 error IG104/);
  });
});
