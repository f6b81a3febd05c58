import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import type { RunOptions } from './run-options.js';
import type { Reporter } from './reporter.js';
import { loadOptions } from '../config/load-options.js';
import { errorDiagnostic, UserError } from '../diagnostics.js';
import { packageRoot } from '../project/package-info.js';
import { loadProjectContext } from '../project/load-context.js';
import type { ContentPlannedFile } from '../workspace/planned-file.js';
import { generated, nextStep } from '../generators/generator-result.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';

const bundledTemplates = fileURLToPath(new URL('templates/', packageRoot));

/** Bundled template paths under the given prefixes (all of them when none is given). */
async function selectTemplates(prefixes: readonly string[]): Promise<string[]> {
  // Runtime sources are overridden like templates: by their path under the templates folder.
  const all = (await glob(['**/*.hbs', '**/runtime/**/*.ts'], { cwd: bundledTemplates })).sort();
  if (prefixes.length === 0) return all;
  const unknown = prefixes.filter((prefix) => !all.some((file) => file === prefix || file.startsWith(`${prefix.replace(/\/$/, '')}/`)));
  if (unknown.length > 0) {
    throw new UserError(`no bundled template matches ${unknown.join(', ')}`, [
      errorDiagnostic('IG012', `unknown template path${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`, undefined, `template folders: ${[...new Set(all.map((file) => file.split('/')[0]))].join(', ')}`),
    ]);
  }
  return all.filter((file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix.replace(/\/$/, '')}/`)));
}

/**
 * `infragen templates eject [path…]`: copies bundled templates and runtime sources into the project's templates folder, where
 * each one then wins over the bundled one. Files already ejected are the user's and are kept.
 */
export async function ejectTemplates(options: RunOptions, reporter: Reporter, prefixes: readonly string[]): Promise<ApplyResult> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const planned: ContentPlannedFile[] = (await selectTemplates(prefixes)).map((file) => ({
    path: `${context.options.templates}/${file}`,
    content: readFileSync(`${bundledTemplates}${file}`, 'utf8'),
    policy: 'scaffold',
    generator: 'templates',
    format: false,
  }));
  const run = await GenerationRun.start(context, options, reporter);
  await run.add(generated(planned, { notes: [nextStep(`edit them under ${context.options.templates}/: each file there wins over the bundled one`)] }));
  return run.finish();
}
