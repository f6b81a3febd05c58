import { describe, expect, it } from 'vitest';
import { planDependencies } from '../../../src/generators/package-json/index.js';
import { MemoryTree } from '../../../src/workspace/index.js';

const filesOf = (files: Record<string, string>) => new MemoryTree(files);
const contentOf = (file: object | undefined) => (file && 'content' in file ? String(file.content) : undefined);

const amqplib = { name: 'amqplib', version: '2.3.1', dev: false };
const vitest = { name: 'vitest', version: '4.1.12', dev: true };

describe('planDependencies', () => {
  it('adds missing packages in sorted sections, keeping the indentation and the other keys in order', () => {
    const text = '{\n    "name": "shop",\n    "type": "module",\n    "dependencies": {\n        "zod": "^4.0.0"\n    },\n    "scripts": {}\n}\n';
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib, vitest], 'messaging');
    expect(plan.notes).toEqual([{ kind: 'next-step', text: 'install the added packages (amqplib, vitest) with your package manager' }]);
    expect(contentOf(plan.files[0])).toBe(
      '{\n    "name": "shop",\n    "type": "module",\n    "dependencies": {\n        "amqplib": "2.3.1",\n        "zod": "^4.0.0"\n    },\n    "scripts": {},\n    "devDependencies": {\n        "vitest": "4.1.12"\n    }\n}\n',
    );
  });

  it('keeps a version the user already chose and plans nothing when all are present', () => {
    const text = JSON.stringify({ dependencies: { amqplib: '^1.0.0' }, devDependencies: { vitest: '^3.0.0' } });
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib, vitest], 'messaging');
    expect(plan.files).toEqual([]);
    expect(plan.notes.map((note) => note.text)).toEqual([
      'kept your amqplib@^1.0.0 (infragen was tested with 2.3.1)',
      'kept your vitest@^3.0.0 (infragen was tested with 4.1.12)',
    ]);
  });

  it('leaves an unsorted section in its own order, appending', () => {
    const text = JSON.stringify({ dependencies: { zod: '1', express: '5' } }, null, 2);
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib], 'messaging');
    expect(Object.keys(JSON.parse(contentOf(plan.files[0])!).dependencies)).toEqual(['zod', 'express', 'amqplib']);
  });

  it('reports a missing or broken package.json as an error, planning nothing', () => {
    const missing = planDependencies(filesOf({}), [amqplib], 'messaging');
    expect([missing.files, missing.diagnostics.map((d) => [d.code, d.severity])]).toEqual([[], [['IG016', 'error']]]);
    const broken = planDependencies(filesOf({ 'package.json': '{ nope' }), [amqplib], 'messaging');
    expect(broken.files).toEqual([]);
    expect(broken.diagnostics[0]).toMatchObject({ code: 'IG017', severity: 'error', location: { file: 'package.json' } });
    expect(broken.diagnostics[0]!.message).toMatch(/not valid JSON/);
  });
});
