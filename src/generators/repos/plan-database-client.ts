import { importPath } from '../../project/import-path.js';
import type { ProjectContext } from '../../project/context.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';

/** `src/infrastructure/db/client.ts`: the shared Prisma Client; written once, then the user's. */
export function planDatabaseClient(context: ProjectContext): TemplatePlannedFile {
  const file = `${context.options.paths.db}/client.ts`;
  return {
    path: file,
    policy: 'scaffold',
    generator: 'db-client',
    template: 'db/client.ts.hbs',
    data: { clientImport: importPath(file, `${context.options.paths.prismaClientOutput}/client.ts`, context) },
  };
}
