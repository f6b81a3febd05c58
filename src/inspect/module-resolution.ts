// Module resolution the way the inspected project's own compiler does it: its tsconfig.json (`extends` chains,
// `paths`, `baseUrl`, `moduleResolution`) read with TypeScript's own API, and every import specifier resolved
// with `ts.resolveModuleName`, so path aliases, workspace packages and packages in node_modules (their type
// declarations) lead to the files that declare base classes, props and value objects. No program is built and
// no lib file is read: only the config files, the package.json files on the way and the resolved files.
import path from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { ts } from './ts-morph.js';

/** The file system the resolver sees, with absolute `/`-separated paths. */
export interface ResolutionHost {
  fileExists(file: string): boolean;
  directoryExists(dir: string): boolean;
  readFile(file: string): string | undefined;
}

export interface ModuleResolver {
  /** The TypeScript source or declaration file `specifier`, imported from the absolute `fromFile`, points at. */
  resolve(specifier: string, fromFile: string): string | undefined;
}

const typeScriptExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.d.mts', '.d.cts']);

/** Resolution of a project without a tsconfig.json: bundler-style, which accepts `./x`, `./x.js` and `exports`. */
const defaultOptions: Ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };

/** The compiler options of `root/tsconfig.json`, its `extends` chain followed; the default options when it is absent. */
export function projectCompilerOptions(root: string, host: ResolutionHost): Ts.CompilerOptions {
  const configFile = path.posix.join(root, 'tsconfig.json');
  if (!host.fileExists(configFile)) return defaultOptions;
  const parseHost: Ts.ParseConfigFileHost = {
    useCaseSensitiveFileNames: true,
    // The project's file list is not needed (the entity globs say which files are the domain): listing no
    // directory keeps a large repository's folders unread.
    readDirectory: () => [],
    fileExists: (file) => host.fileExists(file),
    readFile: (file) => host.readFile(file),
    getCurrentDirectory: () => root,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, parseHost);
  // A tsconfig.json TypeScript cannot read at all resolves like a project without one; tsc reports it.
  if (!parsed) return defaultOptions;
  const options = { ...parsed.options };
  // The resolver needs no emit setting; a `module` without `moduleResolution` implies one (TypeScript's own rule).
  if (options.moduleResolution === undefined && options.module === undefined) options.moduleResolution = ts.ModuleResolutionKind.Bundler;
  return options;
}

export function createModuleResolver(root: string, host: ResolutionHost): ModuleResolver {
  const options = projectCompilerOptions(root, host);
  const moduleHost: Ts.ModuleResolutionHost = {
    fileExists: (file) => host.fileExists(file),
    directoryExists: (dir) => host.directoryExists(dir),
    readFile: (file) => host.readFile(file),
    getCurrentDirectory: () => root,
    // No `realpath`: a linked workspace package keeps its path under node_modules, which is how generated code imports it.
  };
  const cache = ts.createModuleResolutionCache(root, (file) => file, options);
  const attempt = (specifier: string, fromFile: string, mode?: Ts.ResolutionMode): string | undefined => {
    const resolved = ts.resolveModuleName(specifier, fromFile, options, moduleHost, cache, undefined, mode).resolvedModule;
    return resolved && typeScriptExtensions.has(resolved.extension) ? resolved.resolvedFileName : undefined;
  };
  /** A relative specifier resolves the same way in every mode; its usual targets are looked for first, cheaply. */
  const relative = (specifier: string, fromFile: string): string | undefined => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
    const stem = path.posix.join(path.posix.dirname(fromFile), specifier).replace(/\.[cm]?[jt]sx?$/, '');
    const extension = /\.([cm]?)[jt]s$/.exec(specifier)?.[1] ?? '';
    return [`${stem}.${extension}ts`, `${stem}.d.${extension}ts`].find((file) => knownFiles.has(file) || host.fileExists(file));
  };
  const knownFiles = new Set<string>();
  return {
    // Node16/NodeNext resolve an import by the importing file's format; not knowing it, the `require` conditions
    // are tried first, then the `import` ones (a package that only exports for `import`).
    resolve: (specifier, fromFile) => {
      const found = relative(specifier, fromFile) ?? attempt(specifier, fromFile) ?? attempt(specifier, fromFile, ts.ModuleKind.ESNext);
      if (found) knownFiles.add(found);
      return found;
    },
  };
}
