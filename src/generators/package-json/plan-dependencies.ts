import { errorDiagnostic } from '../../diagnostics.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, info, nextStep, refused, type GeneratorNote, type GeneratorResult } from '../generator-result.js';
import type { PackageRequirement } from '../versions.js';

export type Manifest = Record<string, unknown> & {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

function indentOf(text: string): string {
  return /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
}

function isSorted(keys: readonly string[]): boolean {
  return keys.every((key, index) => index === 0 || keys[index - 1]!.localeCompare(key) <= 0);
}

function withAdded(section: Record<string, string> | undefined, added: readonly PackageRequirement[]): Record<string, string> {
  const current = section ?? {};
  const merged = { ...current, ...Object.fromEntries(added.map((pkg) => [pkg.name, pkg.version])) };
  if (!isSorted(Object.keys(current))) return merged;
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

/** The project's package.json, parsed, or why it cannot be. */
export function readManifest(tree: ProjectTree): { text: string; manifest: Manifest } | GeneratorResult {
  const text = tree.read('package.json');
  if (text === undefined) {
    return refused([errorDiagnostic('IG016', 'package.json not found in the project root', undefined, 'run infragen from your project root, or pass --cwd')]);
  }
  try {
    return { text, manifest: JSON.parse(text) as Manifest };
  } catch (error) {
    return refused([errorDiagnostic('IG017', `package.json is not valid JSON: ${(error as Error).message}`, { file: 'package.json', line: 1, column: 1 }, 'fix package.json, then run again')]);
  }
}

/** package.json as infragen writes it back: the user's indentation, a trailing newline. */
export function printManifest(manifest: Manifest, original: string): string {
  return `${JSON.stringify(manifest, null, indentOf(original))}\n`;
}

/**
 * Adds the packages generated code imports to the project's package.json, keeping its formatting, key
 * order and every version the user already chose. Nothing is planned when all are present.
 */
export function planDependencies(tree: ProjectTree, packages: readonly PackageRequirement[], generator: string): GeneratorResult {
  const read = readManifest(tree);
  if ('files' in read) return read;
  const { text, manifest } = read;
  const declared = (name: string) => manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  const added = packages.filter((pkg) => declared(pkg.name) === undefined);
  const notes: GeneratorNote[] = packages.flatMap((pkg) => {
    const version = declared(pkg.name);
    return version === undefined || version === pkg.version ? [] : [info(`kept your ${pkg.name}@${version} (infragen was tested with ${pkg.version})`)];
  });
  if (added.length === 0) return generated([], { notes });
  const updated: Manifest = { ...manifest };
  const runtime = added.filter((pkg) => !pkg.dev);
  const dev = added.filter((pkg) => pkg.dev);
  if (runtime.length > 0) updated.dependencies = withAdded(manifest.dependencies, runtime);
  if (dev.length > 0) updated.devDependencies = withAdded(manifest.devDependencies, dev);
  notes.push(nextStep(`install the added packages (${added.map((pkg) => pkg.name).join(', ')}) with your package manager`));
  return generated([{ path: 'package.json', content: printManifest(updated, text), policy: 'merged', generator, format: false }], { notes });
}
