import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { StagedChangeSet, type RenderedFile } from '../../src/workspace/index.js';
import { file, tempRoot, type TempRoot } from './support.js';

const formatCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('prettier', async (importOriginal) => {
  const prettier = await importOriginal<typeof import('prettier')>();
  return {
    ...prettier,
    format: (...args: Parameters<typeof prettier.format>) => {
      formatCalls.count += 1;
      return prettier.format(...args);
    },
  };
});

let project: TempRoot;
beforeEach(() => {
  project = tempRoot();
  formatCalls.count = 0;
});
afterEach(() => project.remove());

async function apply(files: readonly RenderedFile[]): Promise<string[]> {
  const set = new StagedChangeSet(project.root);
  for (const planned of files) set.write(planned);
  const changes = await set.plan();
  await set.commit(changes);
  return changes.map((change) => change.action);
}

it('formats a file again only when its rendered text changed or it is not as infragen wrote it', async () => {
  expect(await apply([file('src/a.ts', 'const a = {b: "x"}\n')])).toEqual(['create']);
  expect(formatCalls.count).toBe(1);
  expect(await apply([file('src/a.ts', 'const a = {b: "x"}\n')])).toEqual(['unchanged']);
  expect(formatCalls.count).toBe(1);
  expect(project.read('src/a.ts')).toBe("const a = { b: 'x' };\n");
  expect(await apply([file('src/a.ts', 'const a = {b: "y"}\n')])).toEqual(['update']);
  expect(formatCalls.count).toBe(2);
  project.write({ 'src/a.ts': "const a = { b: 'y' }; // mine\n" });
  await apply([file('src/a.ts', 'const a = {b: "y"}\n')]);
  expect(formatCalls.count).toBe(3);
});
