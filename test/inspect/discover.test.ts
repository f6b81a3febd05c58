import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverDomainFiles } from '../../src/inspect/index.js';

describe('discoverDomainFiles', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infragen-discover-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const file of ['src/domain/b.ts', 'src/domain/a/a.ts', 'src/domain/a.d.ts', 'src/domain/a.test.ts', 'src/domain/a.spec.ts', 'src/domain/x.js', 'src/domain/node_modules/m.ts', 'src/other/o.ts']) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'export {};\n');
  }

  it('returns sorted project-relative .ts paths, skipping declarations, tests and node_modules', async () => {
    expect(await discoverDomainFiles(root, ['src/domain/**/*'])).toEqual(['src/domain/a/a.ts', 'src/domain/b.ts']);
    expect(await discoverDomainFiles(root, ['src/domain/**/*.ts', 'src/other/*.ts', 'src/domain/b.ts'])).toEqual(['src/domain/a/a.ts', 'src/domain/b.ts', 'src/other/o.ts']);
    expect(await discoverDomainFiles(root, ['nothing/**/*.ts'])).toEqual([]);
  });
});
