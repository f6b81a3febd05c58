import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { InfragenOptions } from '../config/options.js';
import { errorDiagnostic, UserError } from '../diagnostics.js';

/** Where `absolute` really is: its deepest existing ancestor with symbolic links resolved, the rest appended. */
export function realLocation(absolute: string): string {
  const missing: string[] = [];
  for (let current = absolute; ;) {
    try {
      return path.join(realpathSync(current), ...missing);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

function isOutside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** How a project-relative path leaves `root`: written with `..` or absolute, or through a symbolic link; undefined when it stays in. */
export function projectEscape(root: string, file: string): string | undefined {
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return 'it is absolute; paths must be relative to the project root';
  const lexical = path.resolve(root, file);
  if (isOutside(path.resolve(root), lexical)) return 'it leaves the project';
  const real = realLocation(lexical);
  if (isOutside(realLocation(path.resolve(root)), real)) return `it resolves through a symbolic link to ${real}`;
  return undefined;
}

/** Every configured path (`paths.*`, `templates`) must stay inside the project; all offenders are reported at once. */
export function checkConfiguredPaths(root: string, options: InfragenOptions): void {
  const configured: [string, string][] = [
    ...Object.entries(options.paths).map(([key, value]): [string, string] => [`paths.${key}`, value]),
    ['templates', options.templates],
  ];
  const diagnostics = configured.flatMap(([key, value]) => {
    const escape = projectEscape(root, value);
    return escape
      ? [
          errorDiagnostic(
            'IG010',
            `option "${key}" is ${JSON.stringify(value)}: ${escape}`,
            undefined,
            `set "${key}" to a folder inside ${root}, in infragen.config.*`,
          ),
        ]
      : [];
  });
  if (diagnostics.length > 0) throw new UserError('a configured path is outside the project; nothing was written', diagnostics);
}
