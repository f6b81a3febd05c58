import type { ProjectContext } from '../../project/context.js';
import type { ProjectTree } from '../../workspace/project-tree.js';

/** A client with the embedded fallback (PGlite) is closed through its own `closeDatabase`, which also closes the database. */
export function clientClosesDatabase(tree: ProjectTree, context: ProjectContext): boolean {
  return /export\s+async\s+function\s+closeDatabase\b/.test(tree.read(`${context.options.paths.db}/client.ts`) ?? '');
}
