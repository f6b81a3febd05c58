import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where one template's text was found: the user's override folder wins over the bundled templates. */
export interface TemplateSource {
  /** Path relative to the templates folder, with `/`, e.g. `messaging/shared/envelope.ts.hbs`. */
  template: string;
  file: string;
  override: boolean;
}

/** The two folders templates come from; `overrideRoot` is absent when the project has none configured. */
export interface TemplateRoots {
  bundledRoot: string;
  overrideRoot?: string;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The override when the project has one for this template, else the bundled file; undefined when neither exists. */
export function locateTemplate(roots: TemplateRoots, template: string): TemplateSource | undefined {
  const candidates = [
    ...(roots.overrideRoot ? [{ root: roots.overrideRoot, override: true }] : []),
    { root: roots.bundledRoot, override: false },
  ];
  for (const { root, override } of candidates) {
    const file = path.resolve(root, template);
    if (isInside(root, file) && existsSync(file)) return { template, file, override };
  }
  return undefined;
}

function partialFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return partialFiles(full);
    return entry.isFile() && path.basename(dir) === '_partials' && entry.name.endsWith('.hbs') ? [full] : [];
  });
}

/**
 * Every `.hbs` inside a `_partials` folder, named by its path under `root` without `.hbs`
 * (e.g. `messaging/_partials/owned-header`). A missing folder has no partials.
 */
export function readPartials(root: string): Map<string, string> {
  if (!existsSync(root)) return new Map();
  const partials = new Map<string, string>();
  for (const file of partialFiles(root).sort()) {
    const name = path.relative(root, file).replace(/\.hbs$/, '').split(path.sep).join('/');
    partials.set(name, readFileSync(file, 'utf8'));
  }
  return partials;
}
