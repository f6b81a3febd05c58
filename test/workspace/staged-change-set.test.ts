import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError, UserError } from '../../src/diagnostics.js';
import { StagedChangeSet, type FileChange, type RenderedFile } from '../../src/workspace/index.js';
import { file, tempRoot, type TempRoot } from './support.js';

let project: TempRoot;
beforeEach(() => {
  project = tempRoot();
});
afterEach(() => project.remove());

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function run(files: readonly RenderedFile[], force = false): Promise<{ changes: FileChange[]; set: StagedChangeSet }> {
  const set = new StagedChangeSet(project.root, { force });
  for (const planned of files) set.write(planned);
  return { changes: await set.plan(), set };
}

async function apply(files: readonly RenderedFile[], force = false): Promise<FileChange[]> {
  const { changes, set } = await run(files, force);
  await set.commit(changes);
  return changes;
}

function actions(changes: readonly FileChange[]): Record<string, string> {
  return Object.fromEntries(changes.map((change) => [change.path, change.reason ? `${change.action}: ${change.reason}` : change.action]));
}

function manifest(): { version: number; files: Record<string, string> } {
  return JSON.parse(project.read('.infragen/manifest.json')) as { version: number; files: Record<string, string> };
}

describe('the change set as the project tree generators read', () => {
  it('reads staged files first, then the disk', () => {
    project.write({ 'on-disk.txt': 'disk\n', 'both.txt': 'old\n' });
    const set = new StagedChangeSet(project.root);
    set.write(file('staged.txt', 'staged\n'));
    set.write(file('both.txt', 'new\n'));
    expect(set.read('staged.txt')).toBe('staged\n');
    expect(set.read('both.txt')).toBe('new\n');
    expect(set.read('on-disk.txt')).toBe('disk\n');
    expect(set.read('missing.txt')).toBeUndefined();
    expect([set.exists('staged.txt'), set.exists('on-disk.txt'), set.exists('missing.txt')]).toEqual([true, true, false]);
  });

  it('shows an existing scaffold or migration as it is on disk, since the run will not rewrite it', () => {
    project.write({ 'config.ts': 'mine\n', 'migration.sql': 'applied\n' });
    const set = new StagedChangeSet(project.root);
    set.write(file('config.ts', 'generated\n', 'scaffold'));
    set.write(file('migration.sql', 'other\n', 'immutable'));
    set.write(file('new-scaffold.ts', 'fresh\n', 'scaffold'));
    expect(set.read('config.ts')).toBe('mine\n');
    expect(set.read('migration.sql')).toBe('applied\n');
    expect(set.read('new-scaffold.ts')).toBe('fresh\n');
    const forced = new StagedChangeSet(project.root, { force: true });
    forced.write(file('config.ts', 'generated\n', 'scaffold'));
    expect(forced.read('config.ts')).toBe('generated\n');
  });

  it('refuses to read outside the project', () => {
    expect(() => new StagedChangeSet(project.root).read('../elsewhere.txt')).toThrow(UserError);
  });
});

describe('regenerating a generated file the user edited', () => {
  const v1 = 'header\none\nmiddle\nlast\n';
  const v2 = 'header\ntwo\nmiddle\nlast\n';
  const mine = 'header\none\nmiddle\nlast\nmy own line\n';

  it('merges the edits into the new output when they touch other lines, and keeps merging on later runs', async () => {
    await apply([file('gen.txt', v1)]);
    project.write({ 'gen.txt': mine });
    expect(actions(await apply([file('gen.txt', v2)]))).toEqual({ 'gen.txt': 'update: your edits merged into the new output' });
    expect(project.read('gen.txt')).toBe('header\ntwo\nmiddle\nlast\nmy own line\n');
    expect(manifest().files['gen.txt']).toBe(sha(v2));
    expect(actions(await apply([file('gen.txt', v2)]))).toEqual({ 'gen.txt': 'unchanged: your edits kept; the generated part did not change' });
    expect(project.read('gen.txt')).toBe('header\ntwo\nmiddle\nlast\nmy own line\n');
  });

  it('stops on a clash, naming the lines; --merge=markers writes conflict markers, theirs keeps the file, ours replaces it', async () => {
    await apply([file('gen.txt', v1)]);
    project.write({ 'gen.txt': 'header\nmine\nmiddle\nlast\n' });
    expect(actions((await run([file('gen.txt', v2)])).changes)['gen.txt']).toMatch(/^conflict: your edits clash with the new output at line 2;/);
    const withMode = async (merge: 'markers' | 'theirs' | 'ours') => {
      const set = new StagedChangeSet(project.root, { merge });
      set.write(file('gen.txt', v2));
      const changes = await set.plan();
      await set.commit(changes);
      return actions(changes)['gen.txt'];
    };
    expect(await withMode('theirs')).toBe('keep: edited since infragen wrote it; your file kept because of --merge=theirs');
    expect(project.read('gen.txt')).toBe('header\nmine\nmiddle\nlast\n');
    expect(await withMode('markers')).toMatch(/^update: your edits clash with the new output at line 2: conflict markers written/);
    expect(project.read('gen.txt')).toBe('header\n<<<<<<< yours\nmine\n=======\ntwo\n>>>>>>> generated by infragen\nmiddle\nlast\n');
    expect(await withMode('ours')).toBe('update: edited since infragen wrote it; overwritten because of --merge=ours');
    expect(project.read('gen.txt')).toBe(v2);
  });

  it('keeps one copy of what it generated per owned file, and drops copies nothing refers to', async () => {
    await apply([file('a.txt', 'a1\n'), file('b.txt', 'same\n'), file('c.txt', 'same\n'), file('s.txt', 's\n', 'scaffold')]);
    await apply([file('a.txt', 'a2\n'), file('b.txt', 'same\n'), file('c.txt', 'same\n'), file('s.txt', 's\n', 'scaffold')]);
    const copies = Object.keys(project.snapshot()).filter((key) => key.startsWith('.infragen/generated/'));
    expect(copies.sort()).toEqual([`.infragen/generated/${sha('a2\n')}`, `.infragen/generated/${sha('same\n')}`].sort());
  });

  it('is a conflict, as before, when no copy of the earlier output was kept', async () => {
    await apply([file('gen.txt', v1)]);
    project.write({ 'gen.txt': mine });
    for (const copy of Object.keys(project.snapshot()).filter((key) => key.startsWith('.infragen/generated/'))) project.remove(copy);
    expect(actions((await run([file('gen.txt', v2)])).changes)['gen.txt']).toBe(
      'conflict: edited since infragen wrote it, and infragen has no copy of what it wrote to merge with; pass --force to overwrite',
    );
  });
});

describe('owned files', () => {
  it('creates, leaves unchanged, and updates what infragen wrote', async () => {
    expect(actions(await apply([file('notes.txt', 'one\n')]))).toEqual({ 'notes.txt': 'create' });
    expect(actions(await apply([file('notes.txt', 'one\n')]))).toEqual({ 'notes.txt': 'unchanged' });
    expect(actions(await apply([file('notes.txt', 'two\n')]))).toEqual({ 'notes.txt': 'update' });
    expect(project.read('notes.txt')).toBe('two\n');
    expect(manifest().files['notes.txt']).toBe(sha('two\n'));
  });

  it('is a conflict when the user edited the file, and commit writes nothing', async () => {
    await apply([file('notes.txt', 'one\n'), file('other.txt', 'a\n')]);
    project.write({ 'notes.txt': 'mine\n' });
    const before = project.snapshot();
    const { changes, set } = await run([file('notes.txt', 'two\n'), file('other.txt', 'b\n')]);
    const clash = 'your edits clash with the new output at line 1; resolve by hand, or pass --merge=markers, --merge=theirs or --merge=ours';
    expect(actions(changes)).toEqual({ 'notes.txt': `conflict: ${clash}`, 'other.txt': 'update' });
    const error = await set.commit(changes).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics).toEqual([expect.objectContaining({ code: 'IG013', message: `notes.txt: ${clash}` })]);
    expect(project.snapshot()).toEqual(before);
  });

  it('lists every conflicting path', async () => {
    project.write({ 'a.txt': 'mine\n', 'b.txt': 'mine\n' });
    const { changes, set } = await run([file('a.txt', 'x\n'), file('b.txt', 'y\n')]);
    const error = (await set.commit(changes).catch((thrown: unknown) => thrown)) as UserError;
    expect(error.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^a\.txt: /), expect.stringMatching(/^b\.txt: /)]);
  });

  it('is a conflict when the file predates infragen (not in the manifest)', async () => {
    project.write({ 'notes.txt': 'hand written\n' });
    expect(actions((await run([file('notes.txt', 'generated\n')])).changes)['notes.txt']).toMatch(/^conflict/);
  });

  it('records a pre-existing identical file so a later change updates it', async () => {
    project.write({ 'notes.txt': 'same\n' });
    expect(actions(await apply([file('notes.txt', 'same\n')]))).toEqual({ 'notes.txt': 'unchanged' });
    expect(actions(await apply([file('notes.txt', 'next\n')]))).toEqual({ 'notes.txt': 'update' });
  });

  it('overwrites user edits with --force and records the new hash', async () => {
    await apply([file('notes.txt', 'one\n')]);
    project.write({ 'notes.txt': 'mine\n' });
    const changes = await apply([file('notes.txt', 'two\n')], true);
    expect(changes[0]).toMatchObject({ action: 'update', reason: expect.stringContaining('--force'), before: 'mine\n', after: 'two\n' });
    expect(project.read('notes.txt')).toBe('two\n');
    expect(actions(await apply([file('notes.txt', 'three\n')]))).toEqual({ 'notes.txt': 'update' });
  });
});

describe('merged, scaffold and immutable files', () => {
  it('merged: creates, updates whatever is on disk, leaves equal text alone', async () => {
    project.write({ 'schema.prisma': 'user text\n' });
    expect(actions(await apply([file('schema.prisma', 'user text\nmerged\n', 'merged')]))).toEqual({ 'schema.prisma': 'update' });
    expect(actions(await apply([file('schema.prisma', 'user text\nmerged\n', 'merged')]))).toEqual({ 'schema.prisma': 'unchanged' });
    expect(actions(await apply([file('new.prisma', 'x\n', 'merged')]))).toEqual({ 'new.prisma': 'create' });
  });

  it('merged: refuses to commit when the file changed since plan() read it', async () => {
    project.write({ 'schema.prisma': 'read\n' });
    const { changes, set } = await run([file('schema.prisma', 'read\nmerged\n', 'merged')]);
    project.write({ 'schema.prisma': 'edited meanwhile\n' });
    const error = (await set.commit(changes).catch((thrown: unknown) => thrown)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.diagnostics[0]).toMatchObject({ code: 'IG014', message: 'schema.prisma changed on disk since infragen read it' });
    expect(project.read('schema.prisma')).toBe('edited meanwhile\n');
  });

  it('scaffold: creates once, then keeps it; --force rewrites a different file', async () => {
    expect(actions(await apply([file('config.ts', 'export const a = 1;\n', 'scaffold')]))).toEqual({ 'config.ts': 'create' });
    project.write({ 'config.ts': 'export const a = 2;\n' });
    expect(actions(await apply([file('config.ts', 'export const a = 1;\n', 'scaffold')]))).toEqual({
      'config.ts': 'keep: yours to edit; --force rewrites it',
    });
    expect(project.read('config.ts')).toBe('export const a = 2;\n');
    expect(actions(await apply([file('config.ts', 'export const a = 1;\n', 'scaffold')], true))).toEqual({ 'config.ts': 'update' });
    expect(project.read('config.ts')).toBe('export const a = 1;\n');
    expect(actions(await apply([file('config.ts', 'export const a = 1;\n', 'scaffold')], true))).toEqual({ 'config.ts': 'unchanged' });
  });

  it('immutable: creates once and never rewrites it, even with --force', async () => {
    const migration = file('migrations/001/migration.sql', 'CREATE TABLE a ();\n', 'immutable');
    expect(actions(await apply([migration]))).toEqual({ 'migrations/001/migration.sql': 'create' });
    expect(actions(await apply([migration]))).toEqual({ 'migrations/001/migration.sql': 'unchanged' });
    const changed = { ...migration, content: 'DROP TABLE a;\n' };
    expect(actions(await apply([changed], true))).toEqual({ 'migrations/001/migration.sql': 'keep: never rewritten' });
    expect(project.read('migrations/001/migration.sql')).toBe('CREATE TABLE a ();\n');
  });
});

describe('paths', () => {
  it.each(['../outside/schema.prisma', 'src/../../outside.ts', '/etc/passwd', 'C:\\\\x.ts'])('rejects %s before anything is written', (bad) => {
    const set = new StagedChangeSet(project.root);
    let error: unknown;
    try {
      set.write(file(bad, 'x'));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UserError);
    const [diagnostic] = (error as UserError).diagnostics;
    expect(diagnostic).toMatchObject({ code: 'IG010', severity: 'error', hint: 'fix the path in infragen.config.*' });
    expect(diagnostic!.message).toContain(`${bad} is outside the project at ${project.root}`);
    expect(project.snapshot()).toEqual({});
  });

  it('normalizes paths, and a later write of the same file replaces the earlier one', async () => {
    const set = new StagedChangeSet(project.root);
    set.write(file('./src/a.ts', 'x', 'owned', { generator: 'first' }));
    set.write(file('src/lib/../a.ts', 'y', 'owned', { generator: 'second' }));
    expect(set.read('src/a.ts')).toBe('y');
    const changes = await set.plan();
    expect(changes.map((change) => [change.path, change.generator])).toEqual([['src/a.ts', 'first, second']]);
  });

  it('reports normalized paths', async () => {
    expect(Object.keys(actions((await run([file('./src//x.txt', 'x')])).changes))).toEqual(['src/x.txt']);
  });
});

describe('dry run, summary and manifest', () => {
  it('plans without writing and prints a plain unified diff of creates and updates', async () => {
    await apply([file('a.txt', 'one\ntwo\n'), file('same.txt', 'same\n')]);
    const before = project.snapshot();
    const { changes, set } = await run([file('a.txt', 'one\nthree\n'), file('same.txt', 'same\n'), file('src/new.txt', 'hello\n')]);
    expect(project.snapshot()).toEqual(before);
    expect(set.diff(changes)).toBe(
      [
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -1,2 +1,2 @@',
        ' one',
        '-two',
        '+three',
        '--- /dev/null',
        '+++ b/src/new.txt',
        '@@ -0,0 +1,1 @@',
        '+hello',
        '',
      ].join('\n'),
    );
    expect(set.summary(changes)).toEqual([
      { path: 'a.txt', action: 'update' },
      { path: 'same.txt', action: 'unchanged' },
      { path: 'src/new.txt', action: 'create' },
    ]);
  });

  it('writes a sorted, stable manifest and leaves the tree byte-identical on a second identical run', async () => {
    const files = [file('z.txt', 'z\n'), file('a/b.txt', 'b\n', 'scaffold'), file('m.sql', 'm\n', 'immutable')];
    await apply(files);
    const text = project.read('.infragen/manifest.json');
    const hashes = { 'a/b.txt': sha('b\n'), 'm.sql': sha('m\n'), 'z.txt': sha('z\n') };
    expect(text).toBe(`${JSON.stringify({ version: 1, files: hashes, rendered: hashes, blocks: {} }, null, 2)}\n`);
    const first = project.snapshot();
    expect(actions(await apply(files))).toEqual({ 'z.txt': 'unchanged', 'a/b.txt': 'keep: yours to edit; --force rewrites it', 'm.sql': 'unchanged' });
    expect(project.snapshot()).toEqual(first);
  });

  it('records the handlers of a projector, also when the file itself is kept, and forgets them with the file', async () => {
    await apply([file('p.ts', 'export const p = {};\n', 'scaffold', { handlers: ['B', 'A'] })]);
    expect(new StagedChangeSet(project.root).recordedHandlers('p.ts')).toEqual(['A', 'B']);
    project.write({ 'p.ts': 'export const p = { mine: 1 };\n' });
    const kept = await apply([file('p.ts', 'export const p = {};\n', 'scaffold', { handlers: ['A'] })]);
    expect(actions(kept)).toEqual({ 'p.ts': 'keep: yours to edit; --force rewrites it' });
    expect(project.read('p.ts')).toBe('export const p = { mine: 1 };\n');
    expect(new StagedChangeSet(project.root).recordedHandlers('p.ts')).toEqual(['A']);
    expect(new StagedChangeSet(project.root).recordedHandlers('other.ts')).toBeUndefined();
  });

  it('tells a manifest that predates block records from one that records none, until a run records blocks', async () => {
    const schemaText = 'model A {\n  id Int @id\n}\n';
    project.write({ 'schema.prisma': schemaText, '.infragen/manifest.json': JSON.stringify({ version: 1, files: { 'schema.prisma': sha(schemaText) } }) });
    const old = new StagedChangeSet(project.root);
    expect(old.recordedBlocks('schema.prisma')).toBeUndefined();
    expect(old.recordedBlocks('other.prisma')).toEqual({});
    // A run that records no blocks leaves the manifest as one that does not know them.
    await apply([file('notes.txt', 'n\n')]);
    expect(JSON.parse(project.read('.infragen/manifest.json'))).not.toHaveProperty('blocks');
    expect(new StagedChangeSet(project.root).recordedBlocks('schema.prisma')).toBeUndefined();
    await apply([file('schema.prisma', schemaText, 'merged', { format: false, blocks: { 'model A': 'hash' } })]);
    expect(new StagedChangeSet(project.root).recordedBlocks('schema.prisma')).toEqual({ 'model A': 'hash' });
    expect(new StagedChangeSet(project.root).recordedBlocks('other.prisma')).toEqual({});
  });

  it('keeps the manifest entries of files this run did not plan', async () => {
    await apply([file('one.txt', '1\n')]);
    await apply([file('two.txt', '2\n')]);
    expect(Object.keys(manifest().files)).toEqual(['one.txt', 'two.txt']);
  });

  it('does not create a manifest for a run that writes nothing', async () => {
    project.write({ 'kept.ts': 'mine\n' });
    await apply([file('kept.ts', 'theirs\n', 'scaffold')]);
    expect(project.snapshot()).toEqual({ 'kept.ts': 'mine\n' });
  });

  it('refuses a corrupted manifest with a diagnostic', async () => {
    project.write({ '.infragen/manifest.json': '{ nope' });
    const error = await run([file('a.txt', 'a\n')]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics[0]).toMatchObject({ code: 'IG015' });
  });
});
