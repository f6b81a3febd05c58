import { openSchemaEngine, type DataLossReport, type SchemaEngineSession, type SchemaSource } from './schema-engine.js';
import type { MigrationsFolder } from './migrations-folder.js';

/** What planning a migration needs from Prisma; `plan-migration.ts` depends on this, not on the engine. */
export interface MigrationEngine {
  diff(from: SchemaSource, to: SchemaSource): Promise<string>;
  /**
   * The state the existing migrations lead to: as a Prisma schema (`undefined` when there are none), and
   * Prisma's data-loss report for moving that state (with the target database's rows) to `schema`.
   */
  migratedState(folder: MigrationsFolder, schema: string): Promise<{ previousSchema?: string; dataLoss: DataLossReport }>;
  close(): Promise<void>;
}

export interface OpenMigrationEngineOptions {
  databaseUrl?: string;
  schemaPath: string;
  schema: string;
  log?: (line: string) => void;
}

/** Replays the migrations on a fresh embedded database and reads the result back as a Prisma schema. */
async function replay(scratch: SchemaEngineSession, folder: MigrationsFolder, schema: string) {
  await scratch.applyMigrations(folder);
  const previousSchema = folder.migrations.length > 0 ? await scratch.introspect() : undefined;
  // The scratch database is thrown away: the push may apply (a blocked write leaves the engine lingering ~60 s).
  return { previousSchema, dataLoss: await scratch.evaluateDataLoss(schema, { dryRun: false }) };
}

/** Is the real database exactly at the end of the migration history (so its rows tell what would be lost)? */
async function upToDate(session: SchemaEngineSession, folder: MigrationsFolder): Promise<boolean> {
  const history = await session.diagnoseMigrationHistory(folder);
  return history.hasMigrationsTable && history.edited.length + history.failed.length + history.unapplied.length + history.missing.length === 0;
}

/**
 * Up migrations are diffed from the replayed history on the session's shadow database, as `prisma migrate dev`
 * does. The migrated state is replayed on an embedded scratch database in both modes; with a real database
 * that is up to date, the data-loss check runs on the real rows instead.
 */
export async function openMigrationEngine(options: OpenMigrationEngineOptions): Promise<MigrationEngine> {
  const session = await openSchemaEngine(options);
  const scratchOf = async () => (options.databaseUrl ? openSchemaEngine({ ...options, databaseUrl: undefined }) : session);
  return {
    diff: (from, to) => session.diff(from, to),
    async migratedState(folder, schema) {
      const scratch = await scratchOf();
      try {
        const state = await replay(scratch, folder, schema);
        if (options.databaseUrl && folder.migrations.length > 0 && (await upToDate(session, folder))) {
          return { ...state, dataLoss: await session.evaluateDataLoss(schema) };
        }
        return state;
      } finally {
        if (scratch !== session) await scratch.close();
      }
    },
    close: () => session.close(),
  };
}
