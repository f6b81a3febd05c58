import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { cacheDirectory } from '../project/cache-directory.js';

/** Node's global, which `@types/node` 20 does not declare without the DOM lib. */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<NonNullable<PGliteOptions['pgliteWasmModule']>> };

/** PGlite's `dist` directory (its package.json is not exported, so it is found from the entry point). */
const pgliteDist = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));

function installedPgliteVersion(): string {
  let dir = pgliteDist;
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

export { cacheDirectory };

/**
 * Where the tarball of a freshly initialised PGlite cluster is kept, one per PGlite version. Uncompressed
 * (~40 MB): unzipping it cost 150–600 ms at every start, reading it a few ms.
 */
export function clusterTarball(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDirectory(env), `pglite-${pgliteVersion}.tar`);
}

type StartAssets = Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle' | 'startParams'>;

/**
 * PostgreSQL arms a repeating 10 s timer at start to log the progress of slow start-up steps, which PGlite
 * never disarms: an instance kept open for reuse would keep Node alive. Nothing is logged here anyway.
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'log_startup_progress_interval=0'];

/**
 * PGlite's compiled WebAssembly module and its file-system bundle (`pglite.data`), read and compiled once per
 * process and handed to every instance (PGlite would otherwise read both again for each one).
 */
let startAssets: Promise<StartAssets> | undefined;

function loadStartAssets(): Promise<StartAssets> {
  startAssets ??= Promise.all([
    readFile(join(pgliteDist, 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)),
    readFile(join(pgliteDist, 'pglite.data')),
  ]).then(([pgliteWasmModule, bundle]) => ({ pgliteWasmModule, fsBundle: new Blob([bundle]), startParams }));
  return startAssets;
}

/** The fresh cluster as a tar, read once per process. */
let freshCluster: Promise<Blob | undefined> | undefined;

async function readCachedCluster(path: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(path)]);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary name then renames, so a concurrent reader never sees half a tarball. */
async function saveCluster(path: string, tarball: Blob): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    // Streamed: a 40 MB copy of the tarball would add to the cold start's memory peak.
    await pipeline(Readable.fromWeb(tarball.stream() as Parameters<typeof Readable.fromWeb>[0]), createWriteStream(temporary));
    await rename(temporary, path);
  } catch {
    // A cache that cannot be written only costs speed: the next run initialises a cluster again.
  }
}

/**
 * A new in-memory PostgreSQL (PGlite). The first start on a machine runs initdb (seconds) and caches the
 * fresh cluster as a tarball; later starts load that tarball instead. Prefer `acquireEmbeddedPostgres`.
 */
export async function startEmbeddedPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PGlite> {
  const path = clusterTarball(env);
  freshCluster ??= readCachedCluster(path);
  const [assets, cached] = await Promise.all([loadStartAssets(), freshCluster]);
  if (cached) {
    try {
      return await PGlite.create({ ...assets, loadDataDir: cached });
    } catch {
      freshCluster = undefined; // a corrupt or foreign tarball: fall back to initdb and replace it
    }
  }
  const initdbWasmModule = await WebAssembly.compile(await readFile(join(pgliteDist, 'initdb.wasm')));
  const db = await PGlite.create({ ...assets, initdbWasmModule });
  const tarball = await db.dumpDataDir('none');
  freshCluster = Promise.resolve(tarball);
  await saveCluster(path, tarball);
  return db;
}

/** Objects created in a cluster get OIDs from here on (PostgreSQL's FirstNormalObjectId); initdb's are below. */
const firstNormalObjectId = 16384;

/** The `public` schema of a fresh cluster: owner, privileges and comment. */
const freshPublicSchema = 'pg_database_owner {pg_database_owner=UC/pg_database_owner,=U/pg_database_owner} standard public schema';

/**
 * Empties a used cluster back to the state of a fresh one, as Prisma resets a shadow database it was given
 * (drop the schemas, recreate `public`), plus what lives outside schemas. Leftovers of anything else
 * (databases, casts, `ALTER DATABASE … SET`…) are caught by `isPristine`, which then keeps the instance from being reused.
 */
const resetScript = `DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE oid >= ${firstNormalObjectId} LOOP EXECUTE format('DROP EXTENSION %I CASCADE', r.extname); END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE oid >= ${firstNormalObjectId} OR nspname = 'public' LOOP
    IF r.nspname NOT LIKE 'pg\\_%' THEN EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END IF;
  END LOOP;
  FOR r IN SELECT rolname FROM pg_roles WHERE oid >= ${firstNormalObjectId} LOOP
    EXECUTE format('DROP OWNED BY %I CASCADE', r.rolname);
    EXECUTE format('DROP ROLE %I', r.rolname);
  END LOOP;
  PERFORM lo_unlink(oid) FROM pg_largeobject_metadata;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';`;

/** One query: how many objects each catalog holds that initdb did not create, and the `public` schema. */
let pristineQuery: Promise<string> | undefined;

function buildPristineQuery(db: PGlite): Promise<string> {
  pristineQuery ??= db
    .query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid'
       WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
    )
    .then(({ rows }) => {
      // pg_init_privs is left out: recreating `public` drops initdb's row for it, which only pg_dump reads.
      const counts = rows.map(({ relname }) =>
        `(SELECT count(*) FROM pg_catalog.${relname} WHERE oid >= ${firstNormalObjectId}${relname === 'pg_namespace' ? ` AND nspname <> 'public'` : ''})`,
      );
      counts.push('(SELECT count(*) FROM pg_catalog.pg_db_role_setting)');
      return `SELECT ${counts.join(' + ')} AS leftovers,
        (SELECT nspowner::regrole::text || ' ' || nspacl::text || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '')
         FROM pg_namespace WHERE nspname = 'public') AS public`;
    })
    .catch((error: unknown) => {
      pristineQuery = undefined;
      throw error;
    });
  return pristineQuery;
}

/** Holds nothing a fresh cluster does not: no object created after initdb, `public` as initdb left it. */
export async function isPristine(db: PGlite): Promise<boolean> {
  try {
    const { rows } = await db.query<{ leftovers: number | string; public: string | null }>(await buildPristineQuery(db));
    return Number(rows[0]?.leftovers) === 0 && rows[0]?.public === freshPublicSchema;
  } catch {
    return false;
  }
}

/** Brings a used instance back to a fresh cluster's state; false when it could not (then do not reuse it). */
export async function resetEmbeddedPostgres(db: PGlite): Promise<boolean> {
  if (db.closed) return false;
  try {
    await db.exec('ROLLBACK'); // a script may have left a transaction open (a warning when none is)
    await db.exec('DISCARD ALL'); // session settings, prepared statements, temporary tables
    await db.exec(resetScript);
  } catch {
    return false;
  }
  return isPristine(db);
}

/**
 * Reset instances waiting to be reused while this process has embedded databases in use (one main and one
 * shadow at most). PostgreSQL arms a 10 s statistics timer after writes, which keeps Node alive while an
 * instance is open: so when the last instance in use is released, it and the idle ones are closed.
 */
const idle: PGlite[] = [];
const maxIdle = 2;
let inUse = 0;

/** A fresh-state embedded PostgreSQL: an idle one of this process if any, else a new one. */
export async function acquireEmbeddedPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PGlite> {
  inUse += 1;
  try {
    return idle.pop() ?? (await startEmbeddedPostgres(env));
  } catch (error) {
    inUse -= 1;
    throw error;
  }
}

/** Hands back an instance from `acquireEmbeddedPostgres`: reset and kept for reuse, or closed. */
export async function releaseEmbeddedPostgres(db: PGlite): Promise<void> {
  inUse = Math.max(0, inUse - 1);
  if (!db.closed && inUse > 0 && idle.length < maxIdle && (await resetEmbeddedPostgres(db))) {
    idle.push(db);
    return;
  }
  await db.close().catch(() => undefined);
  if (inUse === 0) await closeIdleEmbeddedPostgres();
}

/** Closes the idle instances (each holds ~150 MB). */
export async function closeIdleEmbeddedPostgres(): Promise<void> {
  for (const db of idle.splice(0)) await db.close().catch(() => undefined);
}
