import { generated, nextStep, type GeneratorResult } from '../generator-result.js';
import { printManifest, readManifest } from '../package-json/index.js';
import type { ProjectTree } from '../../workspace/project-tree.js';

/**
 * The `db:seed` script of `generate seed`, added to package.json when the project has none (a script the
 * user wrote is left alone), and the next step that runs the seeds.
 */
export function planSeedScript(tree: ProjectTree, command: string): GeneratorResult {
  const read = readManifest(tree);
  if ('files' in read) return read;
  const { text, manifest } = read;
  const scripts = (manifest['scripts'] ?? {}) as Record<string, string>;
  const run = nextStep(`run \`npm run db:seed\` (or \`npx prisma db seed\`)`);
  if (scripts['db:seed'] !== undefined) return generated([], { notes: [run] });
  const content = printManifest({ ...manifest, scripts: { ...scripts, 'db:seed': command } }, text);
  return generated([{ path: 'package.json', content, policy: 'merged', generator: 'seeds', format: false }], { notes: [run] });
}
