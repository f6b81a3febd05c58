import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The pipeline's import rules (ARCHITECTURE.md): each folder names what it must not import.
const srcRoot = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports (static and dynamic), with relative ones resolved to `src/`-relative folders. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map(([, a, b]) => (a ?? b)!);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? path.relative(srcRoot, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/') : specifier));
}

const forbidden: Record<string, RegExp> = {
  model: /^(ts-morph|node:fs|inspect\/|generators\/|render\/|workspace\/|commands\/|cli\/|migrate\/)/,
  inspect: /^(generators\/|render\/|workspace\/|commands\/|cli\/|migrate\/)/,
  generators: /^(ts-morph|node:fs|node:fs\/promises|inspect\/|commands\/|cli\/|migrate\/|render\/(template-renderer|runtime-sources|template-sources)|workspace\/(staged-change-set|atomic-write|workspace-fs|format))/,
  render: /^(ts-morph|generators\/|commands\/|cli\/|inspect\/)/,
  workspace: /^(ts-morph|generators\/|render\/|commands\/|cli\/|inspect\/)/,
  commands: /^(cli\/|node-plop)/,
  migrate: /^(generators\/|commands\/|cli\/|inspect\/)/,
};

describe('the pipeline folders', () => {
  for (const [folder, rule] of Object.entries(forbidden)) {
    it(`src/${folder} imports nothing it must not`, () => {
      const offending = sourceFiles(path.join(srcRoot, folder)).flatMap((file) =>
        importsOf(file)
          .filter((imported) => rule.test(imported))
          .map((imported) => `${path.relative(srcRoot, file)} imports ${imported}`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('only src/cli.ts ends the process', () => {
    const exits = sourceFiles(srcRoot).filter((file) => /process\.exit\(/.test(readFileSync(file, 'utf8')));
    expect(exits.map((file) => path.relative(srcRoot, file))).toEqual(['cli.ts']);
  });

  it('node-plop is loaded only by the plopfile integration (the package entry and src/plop)', () => {
    const users = sourceFiles(srcRoot).filter((file) => importsOf(file).includes('node-plop'));
    expect(users.map((file) => path.relative(srcRoot, file)).filter((file) => file !== 'index.ts' && !file.startsWith('plop/'))).toEqual([]);
  });
});
