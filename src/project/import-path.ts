import path from 'node:path';
import type { PathAlias, ProjectContext } from './context.js';

function withoutTsExtension(file: string): string {
  return file.replace(/\.(d\.)?[cm]?tsx?$/, '');
}

function matchAlias(alias: PathAlias, targetFile: string): string | undefined {
  const star = alias.target.indexOf('*');
  if (star === -1) return alias.target === targetFile ? alias.pattern : undefined;
  const prefix = alias.target.slice(0, star);
  const suffix = alias.target.slice(star + 1);
  if (!targetFile.startsWith(prefix) || !targetFile.endsWith(suffix)) return undefined;
  const middle = targetFile.slice(prefix.length, targetFile.length - suffix.length);
  return alias.pattern.replace('*', middle);
}

/**
 * The module specifier with which `fromFile` imports `toFile` (both project-relative), following the
 * project's own conventions: a package name for a file in node_modules, a tsconfig path alias when one covers
 * the target, else a relative path;
 * with the `.js` suffix NodeNext resolution requires.
 */
export function importPath(fromFile: string, toFile: string, context: Pick<ProjectContext, 'pathAliases' | 'importSuffix'>): string {
  // A declaration read from an installed package (a DDD toolkit's value object) is imported by the package's name.
  const installed = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(toFile)?.[1];
  if (installed !== undefined) return installed;
  const target = withoutTsExtension(toFile);
  for (const alias of context.pathAliases) {
    const viaAlias = matchAlias({ ...alias, target: withoutTsExtension(alias.target) }, target);
    if (viaAlias !== undefined) return `${viaAlias}${context.importSuffix}`;
  }
  const relative = path.posix.relative(path.posix.dirname(fromFile), target);
  const specifier = relative.startsWith('.') ? relative : `./${relative}`;
  return `${specifier}${context.importSuffix}`;
}
