import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { loadProjectContext } from '../../src/project/load-context.js';

let dir: string;

function project(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'infragen-context-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadProjectContext', () => {
  it('reads an ESM NodeNext project with path aliases from an extended tsconfig with comments', () => {
    const root = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.base.json': `{
        // shared settings
        "compilerOptions": { "module": "NodeNext", "baseUrl": ".", "paths": { "@domain/*": ["src/domain/*"] } }
      }`,
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true, } }',
    });
    const context = loadProjectContext(root, defaultOptions());
    expect(context.moduleFormat).toBe('esm');
    expect(context.importSuffix).toBe('.js');
    expect(context.pathAliases).toEqual([{ pattern: '@domain/*', target: 'src/domain/*' }]);
  });

  it('needs no suffix for bundler resolution or CommonJS', () => {
    const bundler = loadProjectContext(
      project({ 'package.json': '{ "type": "module" }', 'tsconfig.json': '{ "compilerOptions": { "moduleResolution": "Bundler" } }' }),
      defaultOptions(),
    );
    expect(bundler.importSuffix).toBe('');
    rmSync(dir, { recursive: true, force: true });
    const commonjs = loadProjectContext(project({ 'package.json': '{}' }), defaultOptions());
    expect(commonjs).toMatchObject({ moduleFormat: 'cjs', importSuffix: '' });
  });

  it('resolves paths relative to the tsconfig folder when there is no baseUrl', () => {
    const root = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': '{ "compilerOptions": { "module": "nodenext", "paths": { "#domain/*": ["./src/domain/*"] } } }',
    });
    expect(loadProjectContext(root, defaultOptions()).pathAliases).toEqual([{ pattern: '#domain/*', target: 'src/domain/*' }]);
  });

  it('imports with `.ts` in a project that imports TypeScript files by their own name (Node type stripping, Deno, Bun)', () => {
    const rewrite = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.base.json': '{ "compilerOptions": { "module": "nodenext", "rewriteRelativeImportExtensions": true } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
    });
    expect(loadProjectContext(rewrite, defaultOptions()).importSuffix).toBe('.ts');
    rmSync(dir, { recursive: true, force: true });
    const allow = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "module": "preserve", "allowImportingTsExtensions": true, "noEmit": true } }',
    });
    expect(loadProjectContext(allow, defaultOptions()).importSuffix).toBe('.ts');
  });
});
