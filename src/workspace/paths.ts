import path from 'node:path';
import { errorDiagnostic, InternalError, UserError } from '../diagnostics.js';
import { projectEscape } from '../project/containment.js';

/** Where infragen records what it wrote, relative to the project root. */
export const manifestPath = '.infragen/manifest.json';

function outsideProject(file: string, root: string, detail: string): UserError {
  const message = `${file} is outside the project at ${root}${detail}`;
  return new UserError(`cannot write ${file}: it is outside the project`, [errorDiagnostic('IG010', message, undefined, 'fix the path in infragen.config.*')]);
}

/**
 * Checks a planned path and returns it normalized (project-relative, `/` separators, no `.` or `..`).
 * An absolute path, or one that leaves the project (by `..` or through a symbolic link to a folder elsewhere),
 * is the user's to fix: it comes from their config or their file tree.
 */
export function projectPath(root: string, file: string): string {
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) {
    throw outsideProject(file, root, ' (planned paths must be relative to the project root)');
  }
  const normalized = path.posix.normalize(file.split('\\').join('/'));
  if (normalized === '..' || normalized.startsWith('../')) throw outsideProject(file, root, '');
  if (normalized === '.' || normalized === '' || normalized.endsWith('/')) {
    throw new InternalError(`planned path "${file}" does not name a file`);
  }
  if (normalized === manifestPath) throw new InternalError(`planned path ${file} is infragen's own manifest`);
  const escape = projectEscape(root, normalized);
  if (escape) throw outsideProject(file, root, ` (${escape})`);
  return normalized;
}

/** The absolute path of a normalized project path. */
export function absolutePath(root: string, file: string): string {
  return path.join(path.resolve(root), ...file.split('/'));
}
