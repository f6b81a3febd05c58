import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, type GeneratorResult } from '../generator-result.js';
import { printManifest, readManifest } from './plan-dependencies.js';

/**
 * Adds `scripts` to the project's package.json, each unless the project has a script of that name (a script
 * the user wrote is left alone). Nothing is planned when all are there.
 */
export function planScripts(tree: ProjectTree, scripts: Readonly<Record<string, string>>, generator: string): GeneratorResult {
  const read = readManifest(tree);
  if ('files' in read) return read;
  const { text, manifest } = read;
  const existing = (manifest['scripts'] ?? {}) as Record<string, string>;
  const added = Object.entries(scripts).filter(([name]) => existing[name] === undefined);
  if (added.length === 0) return generated([]);
  const content = printManifest({ ...manifest, scripts: { ...existing, ...Object.fromEntries(added) } }, text);
  return generated([{ path: 'package.json', content, policy: 'merged', generator, format: false }]);
}
