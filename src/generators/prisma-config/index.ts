import { warningDiagnostic } from '../../diagnostics.js';
import { addSeedToPrismaConfig } from '../../edit/prisma-config-seed.js';
import type { ProjectContext } from '../../project/context.js';
import { tsString } from '../../render/literals.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, info, type GeneratorResult } from '../generator-result.js';

/** The template data of `prisma.config.ts`: string literals, ready to print. */
export interface PrismaConfigData {
  schema: string;
  migrations: string;
  /** The command `prisma db seed` runs, once seeds are generated. */
  seed?: string;
}

const generator = 'prisma-config';

/** Plans `prisma.config.ts`, Prisma 7's home for the schema location, migrations folder and connection URL. */
export function planPrismaConfig(context: ProjectContext, seed?: string): GeneratorResult {
  const { schema, migrations, prismaConfig } = context.options.paths;
  const data: PrismaConfigData = { schema: tsString(schema), migrations: tsString(migrations), ...(seed ? { seed: tsString(seed) } : {}) };
  return generated([{ path: prismaConfig, policy: 'scaffold', generator, template: 'db/prisma.config.ts.hbs', data }]);
}

/**
 * `prisma.config.ts` with `migrations.seed`: written with it when absent, otherwise edited through its
 * syntax tree (the file is the user's), leaving a seed command the user chose alone.
 */
export function planPrismaConfigSeed(tree: ProjectTree, context: ProjectContext, command: string): GeneratorResult {
  const file = context.options.paths.prismaConfig;
  const text = tree.read(file);
  if (text === undefined) return planPrismaConfig(context, command);
  const edit = addSeedToPrismaConfig(text, file, command);
  const location = { file, line: 1, column: 1 };
  switch (edit.kind) {
    case 'edited':
      return generated([{ path: file, content: edit.text, policy: 'merged', generator }]);
    case 'already-set':
      return generated([]);
    case 'other-seed':
      return generated([], { notes: [info(`${file} already has a seed command (${edit.current}); left as it is`)] });
    case 'unreadable':
      return generated([], {
        diagnostics: [warningDiagnostic('IG503', `${file}: ${edit.reason}, so the seed command was not added`, location, `add \`seed: ${tsString(command)}\` under \`migrations\` yourself`)],
      });
  }
}
