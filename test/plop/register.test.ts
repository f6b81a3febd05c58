import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodePlop from 'node-plop';
import { describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, repoRoot } from '../e2e/support.js';

describe('plop integration', () => {
  it('lets a project plopfile load infragen and run its generators with their prompts answered', async () => {
    assertBuilt();
    const project = createTempProject('test/fixtures/domains/shop');
    try {
      const plopfile = path.join(project.root, 'plopfile.js');
      writeFileSync(plopfile, `export default async function (plop) {\n  await plop.load(${JSON.stringify(path.join(repoRoot, 'dist/index.js'))});\n}\n`);
      const plop = await nodePlop(plopfile);
      expect(plop.getGeneratorList().map((generator) => generator.name)).toEqual(['infragen:schema', 'infragen:repo', 'infragen:messaging']);
      const schema = plop.getGenerator('infragen:schema');
      expect(schema.prompts).toMatchObject([{ name: 'entities' }]);
      const result = await schema.runActions({ entities: '' });
      expect(result.failures).toEqual([]);
      expect(readFileSync(path.join(project.root, 'prisma/schema.prisma'), 'utf8')).toContain('model Order {');
      const failing = await plop.getGenerator('infragen:repo').runActions({ entities: 'Nope' });
      expect(failing.failures[0]?.error).toMatch(/IG003.*Nope/s);
      expect(existsSync(path.join(project.root, 'src/infrastructure/repos'))).toBe(false);
    } finally {
      project.remove();
    }
  });

  it('is what the package exports for plop.load("infragen")', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toBe('./dist/index.js');
  });
});
