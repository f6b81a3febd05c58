export { openSchemaEngine, type SchemaEngineSession, type SchemaSource, type DataLossReport, type MigrationHistory } from './schema-engine.js';
export { openMigrationEngine, type MigrationEngine } from './migration-engine.js';
export { planMigration, migrationDirectoryName, migrationTimestamp, type MigrationPlan, type PlanMigrationRequest } from './plan-migration.js';
export { deployMigrations } from './deploy.js';
export { migrateDown, type DownRequest } from './down.js';
export { readMigrationsFolder } from './read-migrations.js';
export { postgresLockfile, type MigrationsFolder, type MigrationFiles } from './migrations-folder.js';
export { cacheDirectory, clusterTarball, startEmbeddedPostgres } from './embedded-postgres.js';
