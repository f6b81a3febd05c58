import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { InfragenOptions } from '../config/options.js';
import { UserError } from '../diagnostics.js';
import { checkConfiguredPaths } from './containment.js';
import type { PathAlias, ProjectContext } from './context.js';
import { readTsconfig, toPosix, type TsconfigFacts } from './tsconfig.js';

function readModuleFormat(root: string): ProjectContext['moduleFormat'] {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return 'esm';
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { type?: string };
    return pkg.type === 'module' ? 'esm' : 'cjs';
  } catch (error) {
    throw new UserError(`package.json is not valid JSON: ${(error as Error).message}`, [], { cause: error });
  }
}

/** NodeNext/Node16 resolution needs explicit `.js` suffixes; bundler and CommonJS resolution do not; a project importing `.ts` files gets `.ts`. */
function importSuffixFor(facts: TsconfigFacts, moduleFormat: ProjectContext['moduleFormat']): ProjectContext['importSuffix'] {
  if (facts.importsTsExtensions) return '.ts';
  const resolution = facts.moduleResolution ?? facts.module;
  if (resolution === 'nodenext' || resolution === 'node16') return '.js';
  if (resolution === undefined) return moduleFormat === 'esm' ? '.js' : '';
  return '';
}

function aliasesOf(facts: TsconfigFacts): PathAlias[] {
  return Object.entries(facts.paths).flatMap(([pattern, targets]) => {
    const first = targets[0];
    if (first === undefined) return [];
    return [{ pattern, target: toPosix(path.posix.normalize(path.posix.join(facts.pathsBase, first))) }];
  });
}

/** Reads the target project's conventions once, so no generator has to guess them. */
export function loadProjectContext(root: string, options: InfragenOptions): ProjectContext {
  checkConfiguredPaths(root, options);
  const moduleFormat = readModuleFormat(root);
  const facts = readTsconfig(root);
  return {
    root,
    options,
    moduleFormat,
    importSuffix: importSuffixFor(facts, moduleFormat),
    pathAliases: aliasesOf(facts),
    prismaProvider: 'postgresql',
  };
}
