import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinnedVersions } from '../../src/generators/versions.js';

describe('pinned versions of generated projects', () => {
  it('are exact versions, equal to the ones infragen itself is built and tested with', () => {
    const repoRoot = path.resolve(import.meta.dirname, '../..');
    const manifest = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, Record<string, string>>;
    const own = manifest('package.json');
    const declared = { ...own['dependencies'], ...own['devDependencies'] };
    for (const [name, version] of Object.entries(pinnedVersions)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      // A package infragen does not declare itself (jiti, through c12) is checked against the installed one.
      const tested = declared[name] ?? manifest(`node_modules/${name}/package.json`)['version'];
      expect(`${name}@${tested}`).toBe(`${name}@${version}`);
    }
  });
});
