import type { ContentPlannedFile, ProjectFiles } from '../../workspace/planned-file.js';
import { planDependencies, type DependencyPlan, type PackageRequirement } from '../package-json/index.js';

function indentOf(text: string): string {
  return /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
}

/** The manifest, or undefined when it is missing or broken (`planDependencies` then reports it). */
function parsed(text: string | undefined): { scripts?: Record<string, string> } | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as { scripts?: Record<string, string> };
  } catch {
    return undefined;
  }
}

/**
 * The package.json edit of `generate seed`: the packages seeds need (through `planDependencies`) and a
 * `db:seed` script when the project has none. One planned file, since a run may plan package.json once.
 */
export function planSeedScripts(projectFiles: ProjectFiles, packages: readonly PackageRequirement[], command: string): DependencyPlan & { scriptAdded: boolean } {
  const text = projectFiles.read('package.json');
  const manifest = parsed(text);
  const scriptAdded = manifest !== undefined && manifest.scripts?.['db:seed'] === undefined;
  if (!scriptAdded || text === undefined) return { ...planDependencies(projectFiles, packages, 'seeds'), scriptAdded: false };
  const withScript = `${JSON.stringify({ ...manifest, scripts: { ...manifest.scripts, 'db:seed': command } }, null, indentOf(text))}\n`;
  const plan = planDependencies({ read: (path) => (path === 'package.json' ? withScript : projectFiles.read(path)) }, packages, 'seeds');
  const file: ContentPlannedFile = plan.files[0] ?? { path: 'package.json', content: withScript, policy: 'merged', generator: 'seeds', format: false };
  return { ...plan, files: [file], scriptAdded };
}
