import type { ProjectContext } from '../../project/context.js';
import type { TemplatePlannedFile } from '../../workspace/planned-file.js';

export interface PrismaConfigData {
  schema: string;
  migrations: string;
  /** The command `prisma db seed` runs, once seeds are generated. */
  seed?: string;
}

/** Plans `prisma.config.ts`, Prisma 7's home for the schema location, migrations folder and connection URL. */
export function planPrismaConfig(context: ProjectContext, seed?: string): TemplatePlannedFile[] {
  const { schema, migrations, prismaConfig } = context.options.paths;
  const data: PrismaConfigData = { schema, migrations, ...(seed ? { seed } : {}) };
  return [{ path: prismaConfig, policy: 'scaffold', generator: 'prisma-config', template: 'db/prisma.config.ts.hbs', data }];
}
