import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/diagnostic-codes.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('the registry of diagnostic codes', () => {
  it('is documented in the README, row for row', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| (IG\d{3}) \| (.+) \|$/gm)].map(([, code, meaning]) => [code, meaning]);
    expect(documented).toEqual(Object.entries(diagnosticCodes));
  });

  it('has every code raised somewhere in src/, and no code raised that it lacks', () => {
    const registry = path.join(repoRoot, 'src/diagnostic-codes.ts');
    const raised = new Set(
      sourceFiles(path.join(repoRoot, 'src'))
        .filter((file) => file !== registry)
        .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(IG\d{3})'/g)].map(([, code]) => code!)),
    );
    expect([...raised].sort()).toEqual(Object.keys(diagnosticCodes).sort());
  });
});
