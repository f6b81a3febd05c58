import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../e2e/support.js';

export const corpusRoot = path.join(repoRoot, 'test/fixtures/corpus');

const corpusManifest = z.object({
  style: z.string().min(1),
  aggregates: z.array(z.string().min(1)).min(1),
  /** Package name → folder of the context linked into node_modules under that name. */
  packages: z.record(z.string(), z.string()).default({}),
});

export type CorpusManifest = z.infer<typeof corpusManifest>;

export interface CorpusContext {
  name: string;
  folder: string;
  manifest: CorpusManifest;
}

/** Every bounded context of the corpus: a folder of test/fixtures/corpus with a corpus.json. */
export function corpusContexts(): CorpusContext[] {
  if (!existsSync(corpusRoot)) return [];
  return readdirSync(corpusRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(corpusRoot, entry.name, 'corpus.json')))
    .map((entry) => {
      const folder = path.join(corpusRoot, entry.name);
      const manifest = corpusManifest.parse(JSON.parse(readFileSync(path.join(folder, 'corpus.json'), 'utf8')));
      return { name: entry.name, folder, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Links every package of infragen's own node_modules into `target`, scopes entry by entry so a context can add its own. */
function linkRepoPackages(target: string): void {
  const source = path.join(repoRoot, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry.startsWith('@')) {
      mkdirSync(path.join(target, entry), { recursive: true });
      for (const scoped of readdirSync(path.join(source, entry))) symlinkSync(path.join(source, entry, scoped), path.join(target, entry, scoped), 'dir');
    } else {
      symlinkSync(path.join(source, entry), path.join(target, entry), 'dir');
    }
  }
}

/** A temp copy of the context with a node_modules of infragen's packages plus the context's own `packages`. */
export function copyCorpusContext(context: CorpusContext): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), `infragen-corpus-${context.name}-`));
  cpSync(context.folder, root, { recursive: true });
  const nodeModules = path.join(root, 'node_modules');
  linkRepoPackages(nodeModules);
  for (const [name, folder] of Object.entries(context.manifest.packages)) {
    const linked = path.join(nodeModules, name);
    rmSync(linked, { recursive: true, force: true });
    mkdirSync(path.dirname(linked), { recursive: true });
    symlinkSync(path.join(root, folder), linked, 'dir');
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
