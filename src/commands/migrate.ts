import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunOptions } from './run-options.js';
import type { Reporter } from './reporter.js';
import { loadOptions } from '../config/load-options.js';
import { UserError } from '../diagnostics.js';
import { deployMigrations, migrateDown, openMigrationEngine, openSchemaEngine, planMigration, readMigrationsFolder } from '../migrate/index.js';
import { loadProjectContext } from '../project/load-context.js';
import type { ProjectContext } from '../project/context.js';
import type { PlannedFile } from '../workspace/planned-file.js';
import type { MigrationRequest } from './migration-request.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { generated } from '../generators/generator-result.js';

async function projectSchema(options: RunOptions): Promise<{ context: ProjectContext; schema: string }> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const path = resolve(context.root, context.options.paths.schema);
  try {
    return { context, schema: readFileSync(path, 'utf8') };
  } catch {
    throw new UserError(`no Prisma schema at ${context.options.paths.schema}`, [
      { code: 'IG300', severity: 'error', message: `${context.options.paths.schema} does not exist`, hint: 'run `infragen generate schema` first' },
    ]);
  }
}

/** DATABASE_URL set: the real database; unset: an embedded PGlite one. */
function databaseUrl(reporter: Reporter): string | undefined {
  const url = process.env.DATABASE_URL || undefined;
  reporter.info(url ? 'using the database in DATABASE_URL' : 'DATABASE_URL is not set: using an embedded PostgreSQL (PGlite)');
  return url;
}

/**
 * The migration from the schema as last migrated to `schema` (which may be a schema planned in this same
 * run, not yet on disk); undefined when there is nothing to migrate.
 */
export async function planMigrationFiles(context: ProjectContext, schema: string, request: MigrationRequest, reporter: Reporter): Promise<PlannedFile[] | undefined> {
  const folder = readMigrationsFolder(context.root, context.options.paths.migrations);
  const engine = await openMigrationEngine({ databaseUrl: databaseUrl(reporter), schemaPath: context.options.paths.schema, schema });
  try {
    const plan = await planMigration({ engine, folder, migrationsPath: context.options.paths.migrations, schema, ...request });
    if (plan.kind === 'nothing') {
      reporter.info(plan.message);
      return undefined;
    }
    for (const warning of plan.warnings) reporter.warn(`accepted: ${warning}`);
    return plan.files;
  } finally {
    await engine.close();
  }
}

/** `infragen generate migration <name> [--accept-data-loss]`. */
export async function generateMigration(options: RunOptions, reporter: Reporter, name: string, acceptDataLoss: boolean): Promise<ApplyResult | undefined> {
  const { context, schema } = await projectSchema(options);
  const files = await planMigrationFiles(context, schema, { name, acceptDataLoss }, reporter);
  if (!files) {
    reporter.result({ ok: true, changes: [] });
    return undefined;
  }
  const run = await GenerationRun.start(context, options, reporter);
  await run.add(generated(files));
  return run.finish();
}

async function withSession<T>(options: RunOptions, reporter: Reporter, run: (session: Awaited<ReturnType<typeof openSchemaEngine>>, folder: ReturnType<typeof readMigrationsFolder>) => Promise<T>): Promise<T> {
  const { context, schema } = await projectSchema(options);
  const url = databaseUrl(reporter);
  if (!url) reporter.warn('the embedded database lives only for this command: set DATABASE_URL to migrate a real database');
  const session = await openSchemaEngine({ databaseUrl: url, schemaPath: context.options.paths.schema, schema });
  try {
    return await run(session, readMigrationsFolder(context.root, context.options.paths.migrations));
  } finally {
    await session.close();
  }
}

/** `infragen migrate deploy`. */
export async function migrateDeploy(options: RunOptions, reporter: Reporter): Promise<string[]> {
  return withSession(options, reporter, async (session, folder) => {
    const applied = await deployMigrations(session, folder);
    reporter.success(applied.length === 0 ? 'no pending migration' : `applied ${applied.join(', ')}`);
    reporter.result({ ok: true, applied });
    return applied;
  });
}

/** `infragen migrate down [--to <migration>]`. */
export async function migrateDownCommand(options: RunOptions, reporter: Reporter, to: string | undefined): Promise<string[]> {
  return withSession(options, reporter, async (session, folder) => {
    const reverted = await migrateDown(session, folder, to === undefined ? {} : { to });
    reporter.success(reverted.length === 0 ? 'nothing to revert' : `reverted ${reverted.join(', ')}`);
    reporter.result({ ok: true, reverted });
    return reverted;
  });
}
