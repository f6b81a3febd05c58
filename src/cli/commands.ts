import type { Command } from 'commander';
import { action } from './action.js';

/** Entity selection shared by the generators that work per entity. */
interface EntitySelectionFlags {
  all?: boolean;
}

/**
 * Declares every command. Each action imports its implementation lazily, so `--help` and `--version`
 * never load ts-morph or Prisma's WebAssembly.
 */
export function registerCommands(program: Command): void {
  const generate = program.command('generate').alias('g').description('generate files from the domain layer');

  generate
    .command('schema')
    .description('write or update prisma/schema.prisma and prisma.config.ts from the domain entities')
    .argument('[entities...]', 'entity names to (re)generate; all of them by default')
    .option('--all', 'generate every entity found')
    .action(
      action(async (options, reporter, entities: string[], flags: EntitySelectionFlags) => {
        const { generateSchema } = await import('../commands/generate-schema.js');
        await generateSchema({ options, reporter, entities: flags.all ? [] : entities });
      }),
    );
}
