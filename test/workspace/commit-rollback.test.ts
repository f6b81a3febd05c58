import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError, UserError } from '../../src/diagnostics.js';
import { nodeWorkspaceFs, StagedChangeSet, type WorkspaceFs } from '../../src/workspace/index.js';
import { file, tempRoot, type TempRoot } from './support.js';

let project: TempRoot;
beforeEach(() => {
  project = tempRoot();
});
afterEach(() => project.remove());

/** The real file system, except that the n-th call of one operation fails. */
function failingOn(operation: keyof WorkspaceFs, n: number, fs: WorkspaceFs = nodeWorkspaceFs): WorkspaceFs & { calls: () => number } {
  let calls = 0;
  const original = fs[operation] as (...args: unknown[]) => Promise<unknown>;
  return {
    ...fs,
    [operation]: async (...args: unknown[]) => {
      calls += 1;
      if (calls === n) throw Object.assign(new Error(`injected ${operation} failure`), { code: 'EIO' });
      return original(...args);
    },
    calls: () => calls,
  };
}

async function seed(): Promise<void> {
  const set = new StagedChangeSet(project.root);
  set.write(file('src/a.txt', 'a1\n'));
  set.write(file('src/b.txt', 'b1\n'));
  await set.commit(await set.plan());
}

const nextRun = [file('src/a.txt', 'a2\n'), file('src/b.txt', 'b2\n'), file('src/deep/new/c.txt', 'c\n'), file('d.txt', 'd\n')];

describe('commit is all or nothing', () => {
  it.each([
    ['the 2nd rename', 'rename', 2],
    ['the 4th rename', 'rename', 4],
    ['the journal rename', 'rename', 1],
    ['the manifest rename', 'rename', 6],
    ['the 3rd temporary write', 'writeText', 3],
    ['a folder creation', 'makeDirectory', 3],
  ] as const)('leaves the disk exactly as before when %s fails', async (_name, operation, n) => {
    await seed();
    const before = project.snapshot();
    const fs = failingOn(operation, n);
    const set = new StagedChangeSet(project.root, { fs });
    for (const planned of nextRun) set.write(planned);
    const changes = await set.plan();
    await expect(set.commit(changes)).rejects.toThrow(`injected ${operation} failure`);
    expect(fs.calls()).toBeGreaterThanOrEqual(n);
    expect(project.snapshot()).toEqual(before);
  });

  it('leaves nothing behind when the very first run fails', async () => {
    const set = new StagedChangeSet(project.root, { fs: failingOn('rename', 2) });
    for (const planned of nextRun) set.write(planned);
    await expect(set.commit(await set.plan())).rejects.toThrow('injected rename failure');
    expect(project.snapshot()).toEqual({});
  });

  it('refuses a project it may not write as the user’s error (IG019), leaving it as it was', async () => {
    await seed();
    const before = project.snapshot();
    const readOnly: WorkspaceFs = {
      ...nodeWorkspaceFs,
      rename: async (from, to) => {
        throw Object.assign(new Error(`EACCES: permission denied, rename '${from}' -> '${to}'`), { code: 'EACCES', path: to });
      },
    };
    const set = new StagedChangeSet(project.root, { fs: readOnly });
    for (const planned of nextRun) set.write(planned);
    const error = await set.commit(await set.plan()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics[0]).toMatchObject({ code: 'IG019' });
    expect(project.snapshot()).toEqual(before);
  });

  it('says which files it could not restore when the rollback fails too', async () => {
    await seed();
    const fs = failingOn('writeText', 11, failingOn('rename', 3)); // 9 staged writes (4 files, 4 copies of them, the manifest) and the journal, then restoring src/a.txt
    const set = new StagedChangeSet(project.root, { fs });
    for (const planned of nextRun) set.write(planned);
    const error = await set.commit(await set.plan()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InternalError);
    expect((error as InternalError).message).toContain('src/a.txt');
    expect((error as InternalError).cause).toMatchObject({ message: 'injected rename failure' });
  });

  it('writes every file and no temporary files when nothing fails', async () => {
    await seed();
    const set = new StagedChangeSet(project.root);
    for (const planned of nextRun) set.write(planned);
    await set.commit(await set.plan());
    const written = Object.keys(project.snapshot()).filter((key) => !key.startsWith('.infragen/generated/'));
    expect(written.sort()).toEqual(
      [
        '.infragen',
        '.infragen/generated',
        '.infragen/manifest.json',
        'd.txt',
        'src',
        'src/a.txt',
        'src/b.txt',
        'src/deep',
        'src/deep/new',
        'src/deep/new/c.txt',
      ].sort(),
    );
    expect(project.read('src/a.txt')).toBe('a2\n');
  });
});
