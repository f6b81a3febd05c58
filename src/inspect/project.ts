import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, SourceFile } from 'ts-morph';
import { Project } from './ts-morph.js';
import type { SourceLocation } from '../model/domain.js';

/** The parsed domain: `primary` files are the ones asked for; others were reached through relative imports. */
export interface LoadedSources {
  files: SourceFile[];
  primary: ReadonlySet<SourceFile>;
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

/** The project-relative candidates a relative module specifier may point at (`./x.js` → `x.ts`, `x/index.ts`). */
export function moduleCandidates(fromFile: string, specifier: string): string[] {
  if (!specifier.startsWith('.')) return [];
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (target.startsWith('..')) return [];
  const stem = target.replace(/\.(js|ts|jsx|tsx)$/, '').replace(/\.mjs$/, '.mts');
  if (stem.endsWith('.mts')) return [stem];
  return [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`];
}

/** Parses in-memory sources; every file is primary. */
export function loadSources(files: Readonly<Record<string, string>>): LoadedSources {
  const project = emptyProject();
  const parsed = Object.keys(files)
    .sort()
    .map((file) => project.createSourceFile(virtualPath(file), files[file] ?? ''));
  return { files: parsed, primary: new Set(parsed) };
}

function relativeSpecifiers(sourceFile: SourceFile): string[] {
  const specifiers: string[] = [];
  for (const declaration of [...sourceFile.getImportDeclarations(), ...sourceFile.getExportDeclarations()]) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier?.startsWith('.')) specifiers.push(specifier);
  }
  return specifiers;
}

/** What reading the domain from disk touched: each file read with its text, and each path looked for and not found. */
export interface DiskReads {
  texts: Map<string, string>;
  missing: Set<string>;
}

/** Reads `files` from disk under `root`, then the files they import relatively (base classes, props, value objects). */
export function loadFromDisk(root: string, files: readonly string[], reads: DiskReads = { texts: new Map(), missing: new Set() }): LoadedSources {
  const project = emptyProject();
  const byPath = new Map<string, SourceFile>();
  const add = (file: string): SourceFile => {
    const text = readFileSync(path.join(root, file), 'utf8');
    reads.texts.set(file, text);
    const sourceFile = project.createSourceFile(virtualPath(file), text);
    byPath.set(file, sourceFile);
    return sourceFile;
  };
  const onDisk = (file: string): boolean => {
    if (file.includes('node_modules/')) return false;
    const found = existsSync(path.join(root, file));
    if (!found) reads.missing.add(file);
    return found;
  };
  const primary = new Set([...files].sort().map(add));
  const queue = [...primary];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const from = relativeFile(next);
    for (const specifier of relativeSpecifiers(next)) {
      const found = moduleCandidates(from, specifier).find((file) => byPath.has(file) || onDisk(file));
      if (found !== undefined && !byPath.has(found)) queue.push(add(found));
    }
  }
  return { files: [...byPath.values()], primary };
}
