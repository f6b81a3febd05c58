import path from 'node:path';
import { importPath } from '../../project/import-path.js';
import type { ProjectContext } from '../../project/context.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';
import { generated, type GeneratorResult } from '../generator-result.js';

export interface DatabaseClientOptions {
  /**
   * Without `DATABASE_URL`, fall back to an embedded PostgreSQL (PGlite through `pglite-prisma-adapter`) that
   * applies the migrations folder itself when opened. Off by default: the client then requires `DATABASE_URL`.
   */
  embeddedFallback?: boolean;
  /** Where the embedded database keeps its files, project-relative (default `.data/pglite`). */
  embeddedDataDir?: string;
}

/** `src/infrastructure/db/client.ts`: the shared Prisma Client; written once, then the user's. */
export function planDatabaseClient(context: ProjectContext, options: DatabaseClientOptions = {}): GeneratorResult<TemplatePlannedFile> {
  const file = `${context.options.paths.db}/client.ts`;
  const clientImport = importPath(file, `${context.options.paths.prismaClientOutput}/client.ts`, context);
  const embedded = options.embeddedFallback === true;
  return generated([
    {
      path: file,
      policy: 'scaffold',
      generator: 'db-client',
      template: 'db/client.ts.hbs',
      data: embedded
        ? {
            clientImport,
            embeddedFallback: true,
            configType: 'DatabaseConfig | EmbeddedDatabaseConfig',
            embeddedDataDir: options.embeddedDataDir ?? '.data/pglite',
            migrationsDir: path.posix.normalize(context.options.paths.migrations),
          }
        : { clientImport, configType: 'DatabaseConfig' },
    },
  ]);
}
