import type { ContentPlannedFile, ProjectFiles } from '../../workspace/planned-file.js';
import { UserError } from '../../diagnostics.js';

export interface PackageRequirement {
  name: string;
  version: string;
  dev: boolean;
}

export interface DependencyPlan {
  files: ContentPlannedFile[];
  /** Packages added to package.json. */
  added: PackageRequirement[];
  /** Packages the project already declares, with the version it has (left as it is). */
  kept: { name: string; declared: string; wanted: string }[];
}

type Manifest = Record<string, unknown> & {
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

/**
 * Adds the packages generated code imports to the project's package.json, keeping its formatting, key
 * order and every version the user already chose. Nothing is planned when all are present.
 */
export function planDependencies(projectFiles: ProjectFiles, packages: readonly PackageRequirement[], generator: string): DependencyPlan {
  const text = projectFiles.read('package.json');
  if (text === undefined) {
    throw new UserError('there is no package.json in the project root', [
      { code: 'IG016', severity: 'error', message: 'package.json not found', hint: 'run infragen from your project root, or pass --cwd' },
    ]);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    throw new UserError(`package.json is not valid JSON: ${(error as Error).message}`, [], { cause: error });
  }
  const declared = (name: string) => manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  const added = packages.filter((pkg) => declared(pkg.name) === undefined);
  const kept = packages.flatMap((pkg) => {
    const version = declared(pkg.name);
    return version === undefined ? [] : [{ name: pkg.name, declared: version, wanted: pkg.version }];
  });
  if (added.length === 0) return { files: [], added, kept };
  const updated: Manifest = { ...manifest };
  const runtime = added.filter((pkg) => !pkg.dev);
  const dev = added.filter((pkg) => pkg.dev);
  if (runtime.length > 0) updated.dependencies = withAdded(manifest.dependencies, runtime);
  if (dev.length > 0) updated.devDependencies = withAdded(manifest.devDependencies, dev);
  const content = `${JSON.stringify(updated, null, indentOf(text))}\n`;
  return { files: [{ path: 'package.json', content, policy: 'merged', generator, format: false }], added, kept };
}
