import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../diagnostics.js';
import { packageRoot } from '../project/package-info.js';
import { rewriteRelativeSpecifiers } from './module-specifiers.js';
import { runtimeOutputPath, type RuntimeDestinations } from './runtime-paths.js';
import { locateTemplate, type TemplateRoots } from './template-sources.js';

export { runtimeOutputPath, type RuntimeDestinations } from './runtime-paths.js';

export interface RuntimeEmitOptions {
  destinations: RuntimeDestinations;
  /** What the project's relative imports end with: `.js` (NodeNext), `.ts`, or nothing (bundler resolution). */
  importSuffix: string;
  /** Prepended as it is, e.g. the owned-file "do not edit" line. */
  header: string;
}

/**
 * The runtime source `source` (its path in the runtime tree, e.g. `messaging/shared/envelope.ts`) as written
 * into the project. Its relative imports are written `.js` in the repo (NodeNext); each one that points into
 * the runtime tree is pointed at where its target is written, with the project's suffix. Others stay as they are.
 */
export function emitRuntimeSource(source: string, text: string, options: RuntimeEmitOptions): { path: string; content: string } {
  const output = runtimeOutputPath(source, options.destinations);
  if (output === undefined) throw new InternalError(`runtime source ${source} is outside ${Object.keys(options.destinations).join(', ')}`);
  const body = rewriteRelativeSpecifiers(text, (specifier) => {
    const extensionless = specifier.replace(/\.js$/, '');
    const suffix = extensionless === specifier ? '' : options.importSuffix;
    const targetOutput = runtimeOutputPath(path.posix.join(path.posix.dirname(source), extensionless), options.destinations);
    if (targetOutput === undefined) return specifier;
    const relative = path.posix.relative(path.posix.dirname(output), targetOutput);
    return `${relative.startsWith('.') ? relative : `./${relative}`}${suffix}`;
  });
  return { path: output, content: `${options.header.trimEnd()}\n${body}` };
}

/** The bundled templates folder, and the project's override folder when it has one configured. */
export function templateRoots(projectRoot: string, overrideDir?: string): TemplateRoots {
  return {
    bundledRoot: fileURLToPath(new URL('templates/', packageRoot)),
    ...(overrideDir !== undefined && { overrideRoot: path.resolve(projectRoot, overrideDir) }),
  };
}

/** The text of a file under the templates folder (e.g. `messaging/runtime/messaging/shared/envelope.ts`), the project's override winning. */
export function readRuntimeSource(file: string, roots: TemplateRoots): string {
  const located = locateTemplate(roots, file);
  if (located === undefined) {
    const where = roots.overrideRoot ? `${roots.overrideRoot} nor ${roots.bundledRoot}` : roots.bundledRoot;
    throw new InternalError(`runtime source ${file} was not found in ${where}`);
  }
  return readFileSync(located.file, 'utf8');
}
