import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/diagnostics.js';
import { planDependencies } from '../../../src/generators/package-json/index.js';

function filesOf(files: Record<string, string>) {
  return { read: (path: string) => files[path] };
}

const amqplib = { name: 'amqplib', version: '2.3.1', dev: false };
const vitest = { name: 'vitest', version: '4.1.12', dev: true };

describe('planDependencies', () => {
  it('adds missing packages in sorted sections, keeping the indentation and the other keys in order', () => {
    const text = '{\n    "name": "shop",\n    "type": "module",\n    "dependencies": {\n        "zod": "^4.0.0"\n    },\n    "scripts": {}\n}\n';
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib, vitest], 'messaging');
    expect(plan.added.map((pkg) => pkg.name)).toEqual(['amqplib', 'vitest']);
    expect(plan.files[0]?.content).toBe(
      '{\n    "name": "shop",\n    "type": "module",\n    "dependencies": {\n        "amqplib": "2.3.1",\n        "zod": "^4.0.0"\n    },\n    "scripts": {},\n    "devDependencies": {\n        "vitest": "4.1.12"\n    }\n}\n',
    );
  });

  it('keeps a version the user already chose and plans nothing when all are present', () => {
    const text = JSON.stringify({ dependencies: { amqplib: '^1.0.0' }, devDependencies: { vitest: '^3.0.0' } });
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib, vitest], 'messaging');
    expect(plan.files).toEqual([]);
    expect(plan.kept).toEqual([
      { name: 'amqplib', declared: '^1.0.0', wanted: '2.3.1' },
      { name: 'vitest', declared: '^3.0.0', wanted: '4.1.12' },
    ]);
  });

  it('leaves an unsorted section in its own order, appending', () => {
    const text = JSON.stringify({ dependencies: { zod: '1', express: '5' } }, null, 2);
    const plan = planDependencies(filesOf({ 'package.json': text }), [amqplib], 'messaging');
    expect(Object.keys(JSON.parse(plan.files[0]!.content).dependencies)).toEqual(['zod', 'express', 'amqplib']);
  });

  it('refuses a missing or broken package.json', () => {
    expect(() => planDependencies(filesOf({}), [amqplib], 'messaging')).toThrow(UserError);
    expect(() => planDependencies(filesOf({ 'package.json': '{ nope' }), [amqplib], 'messaging')).toThrow(/not valid JSON/);
  });
});
