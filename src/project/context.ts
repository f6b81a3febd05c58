import type { InfragenOptions } from '../config/options.js';

export interface PathAlias {
  /** The alias pattern as written in tsconfig `paths`, e.g. `@domain/*`. */
  pattern: string;
  /** Its first target, project-relative, e.g. `src/domain/*`. */
  target: string;
}

/**
 * The target project's conventions, computed once per run and passed to every generator and render,
 * so no generator guesses them.
 */
export interface ProjectContext {
  /** Absolute path of the project root. */
  root: string;
  options: InfragenOptions;
  /** `esm` when package.json says `"type": "module"`. */
  moduleFormat: 'esm' | 'cjs';
  /**
   * `.js` for NodeNext/Node16 resolution, empty for bundler or CommonJS projects, `.ts` for projects that import
   * TypeScript files by their own name (`allowImportingTsExtensions`, `rewriteRelativeImportExtensions`: Node's
   * type stripping, Deno, Bun).
   */
  importSuffix: '.js' | '.ts' | '';
  pathAliases: PathAlias[];
  /** `postgresql` for now; read from an existing schema's datasource when there is one. */
  prismaProvider: 'postgresql';
}
