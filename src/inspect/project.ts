import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Node, SourceFile } from 'ts-morph';
import { Project } from './ts-morph.js';
import type { SourceLocation } from '../model/domain.js';
import { createModuleResolver, type ResolutionHost } from './module-resolution.js';

/** The parsed domain: `primary` files are the ones asked for; others are project files reached through their imports. */
export interface LoadedSources {
  files: SourceFile[];
  primary: ReadonlySet<SourceFile>;
  /** The file an import or export specifier of `from` resolves to (a package's declarations are parsed then). */
  imported(from: SourceFile, specifier: string): SourceFile | undefined;
}

function emptyProject(): Project {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true },
  });
  // With the root known, ts-morph links each new folder to its parent instead of scanning every "orphan" folder.
  project.createDirectory('/');
  return project;
}

/** `src/a.ts` → `/src/a.ts` on the in-memory file system. */
const virtualPath = (file: string): string => `/${file.replaceAll('\\', '/').replace(/^\/+/, '')}`;

const relativePaths = new WeakMap<SourceFile, string>();

/** The project-relative path of a parsed file (ts-morph normalizes the path on every call, so it is kept). */
export function relativeFile(sourceFile: SourceFile): string {
  let relative = relativePaths.get(sourceFile);
  if (relative === undefined) {
    relative = sourceFile.getFilePath().replace(/^\/+/, '');
    relativePaths.set(sourceFile, relative);
  }
  return relative;
}

/** The 1-based line and column where `node` starts (its name, for declarations). */
export function locationOf(node: Node): SourceLocation {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { file: relativeFile(sourceFile), line, column };
}

/** What reading the domain from disk touched: each file read with its text, and each path looked for and not found. */
export interface DiskReads {
  texts: Map<string, string>;
  missing: Set<string>;
}

const moduleSpecifiers = (sourceFile: SourceFile): string[] =>
  [...sourceFile.getImportDeclarations(), ...sourceFile.getExportDeclarations()].flatMap((declaration) => declaration.getModuleSpecifierValue() ?? []);

const isPackageFile = (relative: string): boolean => /(^|\/)node_modules\//.test(relative);

/**
 * True for a declaration read from an installed library's type declarations (a `.d.ts` under node_modules),
 * never the user's domain; a workspace package linked there with its TypeScript sources is the user's.
 */
export const isFromPackage = (node: Node): boolean => {
  const file = relativeFile(node.getSourceFile());
  return isPackageFile(file) && /\.d\.[cm]?ts$/.test(file);
};

/** A file outside the project root (`../libs/x.ts`) gets a virtual path of its own: `..` is not a folder name. */
const virtualPathOf = (relative: string): string =>
  virtualPath(
    relative
      .split('/')
      .map((segment) => (segment === '..' ? '__parent__' : segment))
      .join('/'),
  );

/**
 * Parses the `primary` files (project-relative) and the project files their imports lead to, resolved the way
 * the project's compiler resolves them (see module-resolution.ts). A declaration file of a package in
 * node_modules is parsed only when a name is looked up in it (`imported`): a domain that imports zod, rxjs or
 * effect would otherwise parse hundreds of declaration files that declare no domain.
 */
function load(root: string, primaryFiles: readonly string[], host: ResolutionHost): LoadedSources {
  const project = emptyProject();
  const resolver = createModuleResolver(root, host);
  const byPath = new Map<string, SourceFile>();
  /** Per file, each import and export specifier → the project-relative file it resolves to. */
  const resolutions = new Map<SourceFile, Map<string, string | undefined>>();
  const parse = (relative: string): SourceFile | undefined => {
    const existing = byPath.get(relative);
    if (existing) return existing;
    const text = host.readFile(path.posix.join(root, relative));
    if (text === undefined) return undefined;
    const sourceFile = project.createSourceFile(virtualPathOf(relative), text);
    relativePaths.set(sourceFile, relative);
    byPath.set(relative, sourceFile);
    return sourceFile;
  };
  const targetsOf = (sourceFile: SourceFile): Map<string, string | undefined> => {
    let targets = resolutions.get(sourceFile);
    if (!targets) {
      targets = new Map();
      const from = path.posix.join(root, relativeFile(sourceFile));
      for (const specifier of moduleSpecifiers(sourceFile)) {
        if (targets.has(specifier) || specifier.startsWith('node:')) continue;
        const target = resolver.resolve(specifier, from);
        targets.set(specifier, target === undefined ? undefined : path.posix.relative(root, target));
      }
      resolutions.set(sourceFile, targets);
    }
    return targets;
  };
  const primary = new Set([...primaryFiles].sort().flatMap((file) => parse(file) ?? []));
  const queue = [...primary];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of targetsOf(next).values()) {
      if (target === undefined || byPath.has(target) || isPackageFile(target)) continue;
      const file = parse(target);
      if (file) queue.push(file);
    }
  }
  const imported = (from: SourceFile, specifier: string): SourceFile | undefined => {
    const target = targetsOf(from).get(specifier);
    return target === undefined ? undefined : parse(target);
  };
  return { files: [...byPath.values()], primary, imported };
}

/** Parses in-memory sources keyed by project-relative path; every file is primary; imports resolve among them. */
export function loadSources(files: Readonly<Record<string, string>>): LoadedSources {
  const texts = new Map(Object.entries(files).map(([file, text]) => [virtualPath(file), text]));
  const folders = new Set<string>(['/']);
  for (const file of texts.keys()) {
    for (let dir = path.posix.dirname(file); dir !== '/' && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  }
  const host: ResolutionHost = { fileExists: (file) => texts.has(file), directoryExists: (dir) => folders.has(dir), readFile: (file) => texts.get(file) };
  return load(
    '/',
    Object.keys(files).filter((file) => !file.endsWith('.json') && !file.includes('node_modules/')),
    host,
  );
}

/**
 * Reads `files` from disk under `root`, then the files their imports resolve to (base classes, props, value
 * objects), recording in `reads` every file read (tsconfig files, package.json files on the way, sources) and
 * every path looked for and not found: what the model cache's key is made of.
 */
export function loadFromDisk(root: string, files: readonly string[], reads: DiskReads = { texts: new Map(), missing: new Set() }): LoadedSources {
  const base = path.resolve(root).split(path.sep).join('/');
  const relative = (file: string): string => path.posix.relative(base, file);
  const host: ResolutionHost = {
    fileExists: (file) => {
      const found = statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
      if (!found) reads.missing.add(relative(file));
      return found;
    },
    directoryExists: (dir) => {
      const found = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
      if (!found) reads.missing.add(relative(dir));
      return found;
    },
    readFile: (file) => {
      const key = relative(file);
      let text = reads.texts.get(key);
      if (text === undefined) {
        if (!existsSync(file)) return undefined;
        text = readFileSync(file, 'utf8');
        reads.texts.set(key, text);
      }
      return text;
    },
  };
  return load(base, files, host);
}
