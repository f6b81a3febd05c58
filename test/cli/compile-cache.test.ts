import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { enableCompileCache, type CompileCache } from '../../src/cli/compile-cache.js';

let dir: string;
let cache: CompileCache | undefined;
const nodeHasItsOwn = 'enableCompileCache' in (await import('node:module')).default;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'infragen-compile-cache-'));
});
afterEach(() => {
  cache?.disable();
  rmSync(dir, { recursive: true, force: true });
});

/** A package in node_modules whose module reads everything Node hands a CommonJS module. */
function writePackage(padding: number): string {
  const root = path.join(dir, 'project');
  const pkg = path.join(root, 'node_modules/big');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'dep.js'), 'exports.value = 7;\n');
  writeFileSync(
    path.join(pkg, 'index.js'),
    `// ${'x'.repeat(padding)}\nexports.self = this === exports;\nexports.file = __filename;\nexports.dir = __dirname;\nexports.dep = require('./dep.js').value;\nexports.resolved = require.resolve('./dep.js');\nmodule.exports.answer = 42;\n`,
  );
  return root;
}

function load(root: string): Record<string, unknown> {
  const require = createRequire(path.join(root, 'index.js'));
  const file = require.resolve('big');
  delete require.cache[file];
  return require('big') as Record<string, unknown>;
}

it.skipIf(nodeHasItsOwn)('keeps the code cache of a large CommonJS file and uses it on the next load', () => {
  const root = writePackage(2000);
  cache = enableCompileCache({ dir: path.join(dir, 'cache'), minBytes: 1000 });
  const pkg = path.join(root, 'node_modules/big');
  const expected = { self: true, file: path.join(pkg, 'index.js'), dir: pkg, dep: 7, resolved: path.join(pkg, 'dep.js'), answer: 42 };

  expect(load(root)).toEqual(expected);
  expect(cache.flush()).toBe(1);
  expect(readdirSync(path.join(dir, 'cache'))).toHaveLength(1);

  expect(load(root)).toEqual(expected);
  expect(cache.flush()).toBe(0);

  writePackage(3000);
  expect(load(root)).toEqual(expected);
  expect(cache.flush()).toBe(1);
});

it.skipIf(nodeHasItsOwn)('leaves files smaller than the threshold to Node', () => {
  const root = writePackage(10);
  cache = enableCompileCache({ dir: path.join(dir, 'cache'), minBytes: 1000 });
  expect(load(root)['answer']).toBe(42);
  expect(cache.flush()).toBe(0);
});
