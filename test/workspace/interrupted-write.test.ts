import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics.js';
import { SimulatedInterruption } from '../../src/workspace/atomic-write.js';
import { StagedChangeSet, type RenderedFile } from '../../src/workspace/index.js';
import { file, tempRoot, type TempRoot } from './support.js';

let project: TempRoot;
beforeEach(() => {
  project = tempRoot();
});
afterEach(() => project.remove());

const firstRun = [file('src/a.txt', 'a1\n'), file('src/b.txt', 'b1\n')];
const nextRun = [file('src/a.txt', 'a2\n'), file('src/b.txt', 'b2\n'), file('src/deep/new/c.txt', 'c\n'), file('d.txt', 'd\n')];

async function commit(files: readonly RenderedFile[], options: { interruptAfter?: number } = {}): Promise<void> {
  const set = new StagedChangeSet(project.root, options);
  for (const planned of files) set.write(planned);
  await set.commit(await set.plan());
}

/** The project as the next run sees it, after it has recovered what an interrupted run left. */
async function recovered(): Promise<Record<string, string>> {
  await new StagedChangeSet(project.root).recover();
  return project.snapshot();
}

describe('a write interrupted as by a kill', () => {
  it('leaves the project as before or as after, at every step, once the next run has recovered', async () => {
    await commit(firstRun);
    const before = project.snapshot();
    await commit(nextRun);
    const after = project.snapshot();
    const outcomes: string[] = [];
    for (let step = 1; ; step += 1) {
      project.remove();
      project = tempRoot();
      await commit(firstRun);
      const interrupted = await commit(nextRun, { interruptAfter: step }).then(
        () => false,
        (error: unknown) => {
          expect(error).toBeInstanceOf(SimulatedInterruption);
          return true;
        },
      );
      if (!interrupted) break; // the write has fewer steps than this: every step was tried
      const state = await recovered();
      expect([before, after], `after step ${step}`).toContainEqual(state);
      outcomes.push(JSON.stringify(state) === JSON.stringify(before) ? 'before' : 'after');
    }
    // staged writes and the journal's first step undo the write; from the journal's rename on, it is finished
    const firstAfter = outcomes.indexOf('after');
    expect(firstAfter).toBeGreaterThan(0);
    expect(outcomes.slice(firstAfter).every((outcome) => outcome === 'after')).toBe(true);
    expect(outcomes.length).toBeGreaterThan(10);
  });

  it('is recovered by the next commit too, before it writes', async () => {
    await commit(firstRun);
    await expect(commit(nextRun, { interruptAfter: 13 })).rejects.toBeInstanceOf(SimulatedInterruption);
    await commit([file('e.txt', 'e\n')]);
    expect(project.read('src/a.txt')).toBe('a2\n');
    expect(project.read('src/deep/new/c.txt')).toBe('c\n');
    expect(Object.keys(project.snapshot()).filter((key) => key.includes('staging') || key.includes('journal'))).toEqual([]);
  });
});

describe('a write killed with SIGKILL', () => {
  const script = path.resolve(import.meta.dirname, 'support/commit-many.ts');
  const jiti = path.resolve(import.meta.dirname, '../../node_modules/jiti/lib/jiti-cli.mjs');

  it('leaves the project as before or as after, whenever the kill lands', async () => {
    const outcomes: string[] = [];
    for (const delay of [0, 2, 5, 10, 20, 40, 80, 160]) {
      project.remove();
      project = tempRoot();
      spawnSync(process.execPath, [jiti, script, project.root, 'v1'], { stdio: 'ignore' });
      const before = project.snapshot();
      const child = spawn(process.execPath, [jiti, script, project.root, 'v2'], { stdio: ['ignore', 'pipe', 'ignore'] });
      // The child says when it starts writing; the kill lands `delay` ms into the write.
      await new Promise((resolve) => child.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const state = await recovered();
      const versions = new Set(Object.entries(state).flatMap(([key, text]) => (key.startsWith('files/') && text !== '<dir>' ? [text.split(' ')[0]] : [])));
      expect([...versions], `kill ${delay} ms into the write`).toHaveLength(1);
      expect(Object.keys(state).filter((key) => /staging|journal|\.tmp$|lock/.test(key))).toEqual([]);
      outcomes.push(JSON.stringify(state) === JSON.stringify(before) ? 'before' : 'after');
    }
    expect(outcomes).toHaveLength(8);
  }, 120_000);
});

describe('the project lock', () => {
  it('refuses to write while another live run holds it, naming its pid, and writes nothing', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      project.write({ '.infragen/lock': JSON.stringify({ pid: sleeper.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }) });
      const before = project.snapshot();
      const error = await commit(nextRun).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).diagnostics[0]).toMatchObject({ code: 'IG018' });
      expect((error as UserError).message).toContain(`pid ${sleeper.pid}`);
      expect(project.snapshot()).toEqual(before);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock whose process is gone, and lets go afterwards', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    project.write({ '.infragen/lock': JSON.stringify({ pid: Number(gone.stdout.trim()), host: hostname(), since: '2026-01-01T00:00:00.000Z' }) });
    await commit(nextRun);
    expect(project.read('d.txt')).toBe('d\n');
    expect(Object.keys(project.snapshot())).not.toContain('.infragen/lock');
  });

  it('lets exactly one of two concurrent commits of the same file write; the other is refused', async () => {
    await commit(firstRun);
    const plan = async (text: string) => {
      const set = new StagedChangeSet(project.root);
      set.write(file('src/a.txt', text));
      return { set, changes: await set.plan() };
    };
    const [one, two] = await Promise.all([plan('one\n'), plan('two\n')]);
    const results = await Promise.allSettled([one.set.commit(one.changes), two.set.commit(two.changes)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(['one\n', 'two\n']).toContain(project.read('src/a.txt'));
  });
});
