import type { ProjectContext } from '../../project/context.js';
import type { ImportSet } from '../repos/imports.js';

/**
 * Whether seeds load faker with `import()`: `@faker-js/faker` is an ES module only, and in a CommonJS project resolved
 * with Node16/NodeNext a static import of it is a `require`, which TypeScript refuses (TS1479). There the seed helpers
 * hold faker, set by the `loadFaker()` the entry point and the repository tests await first; elsewhere it is imported.
 */
export function loadsFakerByImport(context: ProjectContext): boolean {
  return context.moduleFormat === 'cjs' && context.importSuffix === '.js';
}

/** Adds the import of `faker` (and of `loadFaker`, for those that must call it) to a generated module's imports. */
export function importFaker(imports: ImportSet, context: ProjectContext, loader = false): void {
  const helpers = `${context.options.paths.seeds}/seed-helpers.ts`;
  if (!loadsFakerByImport(context)) {
    imports.add('faker', '@faker-js/faker', { external: true });
    return;
  }
  imports.add('faker', helpers);
  if (loader) imports.add('loadFaker', helpers);
}
