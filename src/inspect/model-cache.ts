// The inspected domain model, kept between runs in infragen's cache folder (one file per project, outside
// the project so that `--dry-run` writes nothing into it) so that an unchanged domain skips ts-morph (and
// TypeScript's compiler, most of a run's start-up) entirely. This module must not import ts-morph, directly
// or through `./inspect.js`: the inspector is loaded only when the cache misses.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirectory } from '../project/cache-directory.js';
import { packageVersion } from '../project/package-info.js';
import type { InspectionResult } from './inspect.js';
import type { DiskReads } from './project.js';
import type { PendingEventNames } from './pending-events.js';

export interface CachedInspectionInput {
  root: string;
  /** The discovered domain files, project-relative. */
  files: readonly string[];
  /** The parsed options of the run; the cache is kept per options, so any change to them re-inspects. */
  options: unknown;
  /** The config's `domainEvents`: the members exposing an aggregate's pending events (part of `options`). */
  eventNames?: PendingEventNames;
  /** Replaces infragen's cache folder (tests). */
  cacheDir?: string;
}

/** The cache file: what the model was inspected from, and the result. */
interface CacheEntry {
  /** Hash of infragen's code, the options and the list of domain files. */
  key: string;
  /** Every file the inspector read (the domain files and what they import), with a hash of its text. */
  sources: Record<string, string>;
  /** Import targets the inspector looked for and did not find: one appearing changes what an import resolves to. */
  missing: string[];
  result: InspectionResult;
}

/** Cached models not rewritten for this long are removed when another is written (their project is inspected again once). */
const unusedFor = 30 * 24 * 60 * 60 * 1000;

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Where infragen's compiled code lives (`dist/` or, under the tests, `src/`). */
const codeRoot = fileURLToPath(new URL('../', import.meta.url));

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return codeFiles(full);
    return /\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

let codeFingerprint: string | undefined;

/**
 * Infragen's version and the size and time of each of its code files: a new release or a rebuild during
 * development re-inspects, since the inspector that produced a cached model may have changed.
 */
function infragenFingerprint(): string {
  codeFingerprint ??= hash(
    [packageVersion(), ...codeFiles(codeRoot).sort().map((file) => {
      const { size, mtimeMs } = statSync(file);
      return `${path.relative(codeRoot, file)}:${size}:${mtimeMs}`;
    })].join('\n'),
  );
  return codeFingerprint;
}

function cacheKey(input: CachedInspectionInput): string {
  return hash(JSON.stringify([infragenFingerprint(), input.options, [...input.files].sort()]));
}

function readEntry(file: string): CacheEntry | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    // A cache file cut short or edited by hand is not an error: the domain is inspected again.
    return undefined;
  }
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** True when every file the cached model was read from still has the same text and no missing import appeared. */
function isCurrent(entry: CacheEntry, root: string, key: string): boolean {
  if (entry.key !== key) return false;
  for (const [file, sourceHash] of Object.entries(entry.sources)) {
    const text = readText(path.join(root, file));
    if (text === undefined || hash(text) !== sourceHash) return false;
  }
  return entry.missing.every((file) => !existsSync(path.join(root, file)));
}

/** The cache file of the project at `root`: `<cache folder>/models/<hash of the project's path>.json`. */
export function modelCacheFile(root: string, cacheDir = cacheDirectory()): string {
  return path.join(cacheDir, 'models', `${hash(path.resolve(root)).slice(0, 32)}.json`);
}

function removeUnused(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (now - statSync(file).mtimeMs > unusedFor) rmSync(file, { force: true });
  }
}

/** Writes through a temporary file, so that a concurrent run reads the old entry or the new one, never half of one. */
function writeEntry(file: string, entry: CacheEntry): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    removeUnused(path.dirname(file));
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(entry));
    renameSync(partial, file);
  } catch {
    // A cache folder that cannot be written to only loses the next run its speed-up.
  }
}

/**
 * The inspection of `files` under `root`: the cached one when neither the domain files, the files they
 * import, the options nor infragen changed since it was made; else a fresh inspection, which is then cached.
 */
export async function inspectDomainCached(input: CachedInspectionInput): Promise<InspectionResult> {
  const file = modelCacheFile(input.root, input.cacheDir);
  const key = cacheKey(input);
  const entry = readEntry(file);
  if (entry && isCurrent(entry, input.root, key)) return entry.result;

  const { inspectDomain } = await import('./inspect.js');
  const reads: DiskReads = { texts: new Map(), missing: new Set() };
  const result = inspectDomain({ root: input.root, files: input.files, reads, ...(input.eventNames && { eventNames: input.eventNames }) });
  const sources = Object.fromEntries([...reads.texts].map(([source, text]) => [source, hash(text)]));
  writeEntry(file, { key, sources, missing: [...reads.missing].sort(), result });
  return result;
}
