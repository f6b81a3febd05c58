// Node 22.1+ keeps V8's compiled code between runs (`module.enableCompileCache`). On older Nodes infragen does
// the same for the few large CommonJS files it loads: TypeScript, inside ts-morph, is one 9 MB file that V8
// compiles again on every run, which was most of a cold `generate` (the way v8-compile-cache does it).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { cacheDirectory } from '../project/cache-directory.js';

/** Node's CommonJS loader internals that the cache hooks into (stable since Node 12, absent from its typings). */
interface InternalModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface InternalModuleStatics {
  prototype: InternalModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: InternalModule, isMain: boolean, options?: unknown): string;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir?: string) => unknown;
}

export interface CompileCacheOptions {
  /** Default: `v8/` in infragen's cache folder. */
  dir?: string;
  /** Files smaller than this compile faster than their cache loads. */
  minBytes?: number;
}

function cacheFileFor(dir: string, filename: string, content: string): string {
  const key = createHash('sha256').update(`${process.version}\0${filename}\0${content.length}`).digest('hex');
  return path.join(dir, `${key.slice(0, 32)}.bin`);
}

function writeQuietly(file: string, data: Buffer): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, data);
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // A cache folder that cannot be written to only costs the next run its speed-up.
  }
}

/** The `require` a module sees, as Node builds it. */
function requireFor(module: InternalModule, loader: InternalModuleStatics): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => loader._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.main = process.mainModule;
  require.extensions = loader._extensions as NodeJS.RequireExtensions;
  require.cache = loader._cache as NodeJS.Dict<NodeModule>;
  return require;
}

export interface CompileCache {
  /** Writes the code cache of the files compiled without a usable one; returns how many. Runs at exit. */
  flush(): number;
  /** Puts Node's own loader back (tests). */
  disable(): void;
}

/**
 * Keeps V8's code cache of large CommonJS files under `dir`: Node's own on 22.1+, else a hook on the
 * CommonJS loader for files of at least `minBytes` inside node_modules. A cache V8 rejects (another Node,
 * a changed file) is rewritten; one that cannot be written is skipped.
 */
export function enableCompileCache({ dir = path.join(cacheDirectory(), 'v8'), minBytes = 256 * 1024 }: CompileCacheOptions = {}): CompileCache {
  const loader = Module as unknown as InternalModuleStatics;
  if (typeof loader.enableCompileCache === 'function') {
    loader.enableCompileCache(dir);
    return { flush: () => 0, disable: () => undefined };
  }
  const compile = loader.prototype._compile;
  const pending = new Map<string, vm.Script>();
  loader.prototype._compile = function compileWithCache(this: InternalModule, content: string, filename: string): unknown {
    if (content.length < minBytes || !filename.includes(`${path.sep}node_modules${path.sep}`)) return compile.call(this, content, filename);
    const cacheFile = cacheFileFor(dir, filename, content);
    const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    const script = new vm.Script(loader.wrap(content), { filename, ...(cachedData && { cachedData }) });
    if (!cachedData || script.cachedDataRejected) pending.set(cacheFile, script);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this, loader), this, filename, path.dirname(filename));
  };
  const flush = (): number => {
    for (const [file, script] of pending) writeQuietly(file, script.createCachedData());
    const written = pending.size;
    pending.clear();
    return written;
  };
  // At exit, so that the cache holds the functions this run compiled too, not only the top level.
  process.once('exit', flush);
  return {
    flush,
    disable: () => {
      loader.prototype._compile = compile;
      process.off('exit', flush);
    },
  };
}
