import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite version (its package.json is not exported, so it is found from the entry point). */
function installedPgliteVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

const pgliteVersion = installedPgliteVersion();

/** `$INFRAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/infragen`, else `~/.cache/infragen`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INFRAGEN_CACHE_DIR) return env.INFRAGEN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'infragen');
}

/** Where the tarball of a freshly initialised PGlite cluster is kept, one per PGlite version. */
export function clusterTarball(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDirectory(env), `pglite-${pgliteVersion}.tar.gz`);
}

/** The fresh cluster as an uncompressed tar, read and unzipped once per process (zlib is faster than PGlite's own). */
let freshCluster: Promise<Blob | undefined> | undefined;

async function readCachedCluster(path: string): Promise<Blob | undefined> {
  try {
    return new Blob([gunzipSync(await readFile(path))]);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary name then renames, so a concurrent reader never sees half a tarball. */
async function saveCluster(path: string, tarball: Blob): Promise<void> {
  try {
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, Buffer.from(await tarball.arrayBuffer()));
    await rename(temporary, path);
  } catch {
    // A cache that cannot be written only costs speed: the next run initialises a cluster again.
  }
}

/**
 * An in-memory PostgreSQL (PGlite). The first start on a machine runs initdb (seconds) and caches the
 * fresh cluster as a tarball; later starts load that tarball instead.
 */
export async function startEmbeddedPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PGlite> {
  const path = clusterTarball(env);
  freshCluster ??= readCachedCluster(path);
  const cached = await freshCluster;
  if (cached) {
    try {
      return await PGlite.create({ loadDataDir: cached });
    } catch {
      freshCluster = undefined; // a corrupt or foreign tarball: fall back to initdb and replace it
    }
  }
  const db = await PGlite.create();
  const tarball = await db.dumpDataDir('gzip');
  await saveCluster(path, tarball);
  freshCluster = Promise.resolve(new Blob([gunzipSync(Buffer.from(await tarball.arrayBuffer()))]));
  return db;
}
