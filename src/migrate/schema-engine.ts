/**
 * The one module that touches Prisma's internal schema-engine API (`@prisma/schema-engine-wasm`, pinned to
 * the engines version of the installed `prisma`). Everything else in infragen talks to `SchemaEngineSession`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { errorDiagnostic, InternalError, UserError } from '../diagnostics.js';
import { openDatabase, type Database } from './database.js';
import { withDryRun } from './dry-run-adapter.js';
import { postgresLockfile, type MigrationsFolder } from './migrations-folder.js';

/** One side of a diff: nothing, a Prisma schema, or the state reached by replaying migrations on a shadow database. */
export type SchemaSource =
  | { kind: 'empty' }
  | { kind: 'schema'; schema: string; path?: string }
  | { kind: 'migrations'; folder: MigrationsFolder };

export interface DataLossReport {
  /** Prisma's own destructive-change warnings, verbatim. */
  warnings: string[];
  /** Steps Prisma says cannot run on the database as it is (e.g. a required column on a table with rows). */
  unexecutable: string[];
}

export interface MigrationHistory {
  hasMigrationsTable: boolean;
  /** Applied migrations whose migration.sql changed since (checksum mismatch). */
  edited: string[];
  failed: string[];
  /** Migrations in the folder the database has not applied. */
  unapplied: string[];
  /** Migrations the database applied that the folder no longer has. */
  missing: string[];
}

export interface OpenSchemaEngineOptions {
  /** A PostgreSQL URL (`?schema=` honoured); without one, an embedded PGlite database is used. */
  databaseUrl?: string;
  schemaPath: string;
  schema: string;
  /** Engine log lines, for `--verbose`. */
  log?: (line: string) => void;
}

export interface SchemaEngineSession {
  /** The migration SQL Prisma writes for `from` → `to`; '' when there is nothing to do. */
  diff(from: SchemaSource, to: SchemaSource): Promise<string>;
  /**
   * What moving this session's database to `schema` would destroy, in Prisma's words. The wasm engine's
   * own `evaluateDataLoss` needs a shadow database it cannot create, so this runs `db push` without
   * `force` on a guard that refuses every write: Prisma counts rows and reports, nothing changes.
   * `dryRun: false` (a scratch database about to be dropped) lets the push apply when nothing is lost.
   */
  evaluateDataLoss(schema: string, options?: { dryRun?: boolean }): Promise<DataLossReport>;
  /** `prisma migrate deploy`: applies unapplied migrations and records them in `_prisma_migrations`. */
  applyMigrations(folder: MigrationsFolder): Promise<string[]>;
  diagnoseMigrationHistory(folder: MigrationsFolder): Promise<MigrationHistory>;
  /** The database as a Prisma schema (`prisma db pull`), against the session's datasource. */
  introspect(): Promise<string>;
  readonly database: Database;
  close(): Promise<void>;
}

/** Node's global, which `@types/node` 20 does not declare without the DOM lib. */
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineModule: Promise<typeof SchemaEngine> | undefined;

/**
 * The engine arms timers (timeouts raced against queries) that outlive the call: a finished command would
 * then keep Node alive for up to a minute. They are tracked and cleared when the last session closes.
 */
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let openSessions = 0;

function trackTimers(module: typeof bindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...module };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(() => {
        engineTimers.delete(timer);
        callback();
      }, ms >>> 0);
      engineTimers.add(timer);
      return timer;
    };
  }
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_clearTimeout_'))) {
    const clear = imports[name] as (timer: ReturnType<typeof setTimeout>) => unknown;
    imports[name] = (timer: ReturnType<typeof setTimeout>) => {
      engineTimers.delete(timer);
      return clear(timer);
    };
  }
  return imports;
}

function clearEngineTimers(): void {
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

/** Instantiates the wasm once per process: Node 20 cannot import the package's bundler-style `.wasm` import. */
function loadEngine(): Promise<typeof SchemaEngine> {
  engineModule ??= (async () => {
    const wasmPath = fileURLToPath(new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')));
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': trackTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return engineModule;
}

function toMigrationList(folder: MigrationsFolder): MigrationList {
  return {
    baseDir: folder.baseDir,
    // Without a lock file the engine cannot tell the connector; infragen only targets PostgreSQL.
    lockfile: { path: 'migration_lock.toml', content: folder.lockfile ?? postgresLockfile },
    shadowDbInitScript: '',
    migrationDirectories: folder.migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.up } },
    })),
  };
}

function toDiffTarget(source: SchemaSource, schemaPath: string): DiffTarget {
  switch (source.kind) {
    case 'empty':
      return { tag: 'empty' };
    case 'schema':
      return { tag: 'schemaDatamodel', files: [{ path: source.path ?? schemaPath, content: source.schema }] };
    case 'migrations':
      return { tag: 'migrations', ...toMigrationList(source.folder) };
  }
}

/** The engine rejects with plain objects or strings; turn them into one error with Prisma's message. */
function engineError(operation: string, error: unknown): InternalError {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return new InternalError(`Prisma schema engine (${operation}) failed: ${message}`, { cause: error });
}

/** A migration whose SQL the database rejected, as the user's error naming it; undefined for other failures. */
function failedMigration(error: unknown, folder: MigrationsFolder): UserError | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const name = /apply_script\s+with migration_name="([^"]+)"/.exec(text)?.[1];
  if (!name) return undefined;
  const reason = text.split('\n').find((line, index) => index > 0 && line.trim() !== '' && !/^\s*\d+:|^\s+(with|at) /.test(line))?.trim() ?? text.split('\n')[0]!;
  const file = `${folder.baseDir}/${name}/migration.sql`;
  return new UserError(`migration ${name} failed on the database`, [
    errorDiagnostic('IG324', `the database rejected migration ${name}: ${reason}`, { file, line: 1, column: 1 }, 'fix its SQL (it may have run in part: check the database), then run `infragen migrate deploy` again'),
  ]);
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw engineError(operation, error);
  }
}

export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<SchemaEngineSession> {
  // The engine's WebAssembly compiles while the database starts.
  const [engineLoad, databaseOpen] = await Promise.allSettled([loadEngine(), openDatabase(options.databaseUrl)]);
  if (databaseOpen.status === 'rejected') throw databaseOpen.reason;
  const database = databaseOpen.value;
  if (engineLoad.status === 'rejected') {
    await database.close();
    throw engineLoad.reason;
  }
  const Engine = engineLoad.value;
  const guarded = withDryRun(database.adapterFactory as SqlMigrationAwareDriverAdapterFactory);
  const factory = bindMigrationAwareSqlAdapterFactory(guarded.factory);
  let engine: SchemaEngine;
  try {
    engine = await Engine.new({ datamodels: [[options.schemaPath, options.schema]] }, (line: string) => options.log?.(line), factory);
  } catch (error) {
    await database.close();
    throw engineError('connect', error);
  }
  openSessions += 1;
  const schemaFiles = (schema: string) => ({ files: [{ path: options.schemaPath, content: schema }] });
  return {
    database,
    async diff(from, to) {
      const result = await call('diff', () =>
        engine.diff({ from: toDiffTarget(from, options.schemaPath), to: toDiffTarget(to, options.schemaPath), script: true, exitCode: true, filters: noFilter }),
      );
      // With `exitCode`, 0 means no difference (stdout then holds `-- This is an empty migration.`), 2 a difference.
      return result.exitCode === 0 ? '' : (result.stdout ?? '');
    },
    async evaluateDataLoss(schema, { dryRun = true } = {}) {
      guarded.dryRun.on = dryRun;
      guarded.dryRun.blocked = false;
      try {
        const result = await engine.schemaPush({ force: false, schema: schemaFiles(schema), filters: noFilter });
        return { warnings: result.warnings, unexecutable: result.unexecutable };
      } catch (error) {
        // No warning stopped the push, so it tried to apply the change: nothing is lost.
        if (guarded.dryRun.blocked) return { warnings: [], unexecutable: [] };
        throw engineError('evaluateDataLoss', error);
      } finally {
        guarded.dryRun.on = false;
      }
    },
    async applyMigrations(folder) {
      try {
        const result = await engine.applyMigrations({ migrationsList: toMigrationList(folder), filters: noFilter });
        return result.appliedMigrationNames;
      } catch (error) {
        throw failedMigration(error, folder) ?? engineError('applyMigrations', error);
      }
    },
    async diagnoseMigrationHistory(folder) {
      const result = await call('diagnoseMigrationHistory', () =>
        engine.diagnoseMigrationHistory({ migrationsList: toMigrationList(folder), optInToShadowDatabase: false, filters: noFilter }),
      );
      const history = result.history;
      return {
        hasMigrationsTable: result.hasMigrationsTable,
        edited: result.editedMigrationNames,
        failed: result.failedMigrationNames,
        unapplied: history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [],
        missing: history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [],
      };
    },
    async introspect() {
      const result = await call('introspect', () =>
        engine.introspect({ schema: schemaFiles(options.schema), baseDirectoryPath: '.', force: true, compositeTypeDepth: -1, namespaces: null }),
      );
      return result.schema.files.map((file) => file.content).join('\n');
    },
    async close() {
      engine.free();
      await database.close();
      if (--openSessions === 0) clearEngineTimers();
    },
  };
}
