import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskTree, StagedChangeSet, type RenderedFile } from '../../src/workspace/index.js';
import { UserError } from '../../src/diagnostics.js';
import { withFinalNewline } from '../../src/workspace/format.js';
import { file, tempRoot, type TempRoot } from './support.js';

let project: TempRoot;
beforeEach(() => {
  project = tempRoot();
});
afterEach(() => project.remove());

async function planOne(planned: RenderedFile) {
  const set = new StagedChangeSet(project.root);
  set.write(planned);
  const [change] = await set.plan();
  return change!;
}

const longCall = `export const value = compute(${Array.from({ length: 12 }, (_, i) => `"argument${i}"`).join(', ')});`;

describe('formatting in plan()', () => {
  it("formats with infragen's defaults when the project has no prettier config", async () => {
    const change = await planOne(file('src/a.ts', 'const a = {b: "x"}\n\n\n'));
    expect(change.after).toBe("const a = { b: 'x' };\n");
    const wide = await planOne(file('src/wide.ts', longCall));
    expect(wide.after.split('\n')[1]).toBe("  'argument0',");
    expect(wide.after).toContain("  'argument11',\n);\n");
  });

  it("uses the project's own prettier config", async () => {
    project.write({ '.prettierrc.json': JSON.stringify({ semi: false, singleQuote: false }) });
    expect((await planOne(file('src/a.ts', "const a = {b: 'x'};"))).after).toBe('const a = { b: "x" }\n');
  });

  it('formats json, markdown and yaml by extension', async () => {
    expect((await planOne(file('data.json', '{"a":1,\n"b":[1,2]}'))).after).toBe('{ "a": 1, "b": [1, 2] }\n');
    expect((await planOne(file('docs/readme.md', '# Title\nText'))).after).toBe('# Title\n\nText\n');
    expect((await planOne(file('ci.yml', 'a:   1'))).after).toBe('a: 1\n');
  });

  it('keeps unformattable text as it is and says why in the reason', async () => {
    const change = await planOne(file('src/broken.ts', 'export const = ;'));
    expect(change.after).toBe('export const = ;\n');
    expect(change.action).toBe('create');
    expect(change.reason).toMatch(/^not formatted: prettier failed: /);
  });

  it('never fails because of a broken prettier config', async () => {
    project.write({ '.prettierrc': '{ not json' });
    const change = await planOne(file('src/a.ts', 'const a=1'));
    expect(change.after).toBe('const a=1\n');
    expect(change.reason).toMatch(/^not formatted/);
  });

  it('leaves files alone when format is false or the extension is not one prettier is run on', async () => {
    expect((await planOne(file('src/a.ts', 'const a={b:1}', 'owned', { format: false }))).after).toBe('const a={b:1}\n');
    expect((await planOne(file('prisma/schema.prisma', 'model  A {}\n\n'))).after).toBe('model  A {}\n');
    expect((await planOne(file('templates/x.ts.hbs', 'const a={{value}}'))).after).toBe('const a={{value}}\n');
  });
});

describe('withFinalNewline', () => {
  it.each([
    ['a', 'a\n'],
    ['a\n', 'a\n'],
    ['a\n\n\n', 'a\n'],
    ['a\r\n\r\n', 'a\r\n'],
    ['', ''],
  ])('%j becomes %j', (text, expected) => {
    expect(withFinalNewline(text)).toBe(expected);
  });
});

describe('DiskTree', () => {
  it('reads project files and returns undefined for missing ones', () => {
    project.write({ 'prisma/schema.prisma': 'model A {}\n' });
    const files = new DiskTree(project.root);
    expect(files.read('prisma/schema.prisma')).toBe('model A {}\n');
    expect(files.read('prisma/missing.prisma')).toBeUndefined();
    expect(files.read('prisma/schema.prisma/below')).toBeUndefined();
  });

  it('refuses paths outside the project', () => {
    expect(() => new DiskTree(project.root).read('../outside/schema.prisma')).toThrow(UserError);
  });
});

describe('formatting only what a generator added to a file of the user', () => {
  const head = "import {a} from './a.js'\nexport const projector = {\n  one( ) { return a },\n";
  const tail = '};\nconst   theirs = "kept"\n';
  const added = '/** doc */\nasync two(event: string, tx: object): Promise<void> { await call({ where: { id: event }, data: { title: event, status: event, assignee: event } }); },\n';

  it('formats the members between head and tail with the project config, and keeps head and tail byte for byte', async () => {
    project.write({ '.prettierrc.json': JSON.stringify({ tabWidth: 4, printWidth: 80 }) });
    const change = await planOne({ ...file('src/p.ts', `${head}${added}${tail}`), policy: 'merged', formatBetween: { head, tail } });
    expect(change.after).toBe(
      [
        head.trimEnd(),
        '    /** doc */',
        '    async two(event: string, tx: object): Promise<void> {',
        '        await call({',
        '            where: { id: event },',
        '            data: { title: event, status: event, assignee: event },',
        '        });',
        '    },',
        tail,
      ].join('\n'),
    );
  });

  it('keeps the text as rendered when it does not start with head and end with tail', async () => {
    const change = await planOne({ ...file('src/p.ts', `${head}${added}`), policy: 'merged', formatBetween: { head, tail } });
    expect(change.after).toBe(`${head}${added}`);
  });
});
