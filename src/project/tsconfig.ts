import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseJSONC } from 'confbox/jsonc';
import { UserError } from '../diagnostics.js';

/** The few compiler options infragen reads from a project's tsconfig, with `extends` followed. */
export interface TsconfigFacts {
  module?: string;
  moduleResolution?: string;
  target?: string;
  /** Lower-cased, as written. */
  lib?: string[];
  /** `compilerOptions.types`: when set, only these `@types` packages are visible. */
  types?: string[];
  /** `allowImportingTsExtensions` or `rewriteRelativeImportExtensions`: the project imports `./x.ts`. */
  importsTsExtensions?: boolean;
  /** Directory `paths` are relative to, project-relative (`baseUrl` or the tsconfig's own folder). */
  pathsBase: string;
  paths: Record<string, string[]>;
}

interface RawTsconfig {
  extends?: string | string[];
  compilerOptions?: {
    module?: string;
    moduleResolution?: string;
    target?: string;
    lib?: string[];
    types?: string[];
    allowImportingTsExtensions?: boolean;
    rewriteRelativeImportExtensions?: boolean;
    baseUrl?: string;
    paths?: Record<string, string[]>;
  };
}

function readRaw(file: string, root: string): RawTsconfig {
  try {
    return parseJSONC<RawTsconfig>(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${path.relative(root, file)} is not valid JSON: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}

/** Only relative `extends` are followed: a package preset rarely sets paths or module settings we need. */
function parentsOf(raw: RawTsconfig, dir: string): string[] {
  const list = raw.extends === undefined ? [] : [raw.extends].flat();
  return list
    .filter((entry) => entry.startsWith('.'))
    .map((entry) => path.resolve(dir, entry.endsWith('.json') ? entry : `${entry}.json`))
    .filter((file) => existsSync(file));
}

function collect(file: string, root: string, seen: Set<string>): TsconfigFacts {
  const empty: TsconfigFacts = { pathsBase: '.', paths: {} };
  if (seen.has(file) || !existsSync(file)) return empty;
  seen.add(file);
  const raw = readRaw(file, root);
  const dir = path.dirname(file);
  const inherited = parentsOf(raw, dir).reduce<TsconfigFacts>(
    (acc, parent) => ({ ...acc, ...definedOnly(collect(parent, root, seen)) }),
    empty,
  );
  const options = raw.compilerOptions ?? {};
  const base = options.baseUrl !== undefined ? path.resolve(dir, options.baseUrl) : dir;
  return {
    ...inherited,
    ...(options.module !== undefined && { module: options.module.toLowerCase() }),
    ...(options.moduleResolution !== undefined && { moduleResolution: options.moduleResolution.toLowerCase() }),
    ...(options.target !== undefined && { target: options.target.toLowerCase() }),
    ...(options.lib !== undefined && { lib: options.lib.map((lib) => lib.toLowerCase()) }),
    ...(options.types !== undefined && { types: options.types }),
    ...((options.allowImportingTsExtensions !== undefined || options.rewriteRelativeImportExtensions !== undefined) && {
      importsTsExtensions: options.allowImportingTsExtensions === true || options.rewriteRelativeImportExtensions === true,
    }),
    ...(options.paths !== undefined && {
      paths: options.paths,
      pathsBase: toPosix(path.relative(root, base)) || '.',
    }),
  };
}

function definedOnly(facts: TsconfigFacts): Partial<TsconfigFacts> {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function readTsconfig(root: string, file = 'tsconfig.json'): TsconfigFacts {
  return collect(path.resolve(root, file), root, new Set());
}
