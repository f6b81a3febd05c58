import { z } from 'zod';
import { brokers } from './brokers.js';

/** How table and column names are derived from domain names when no `@table`/`@map` says otherwise. */
export const namingSchema = z
  .object({
    tableCase: z.enum(['snake', 'pascal', 'camel']).default('snake'),
    pluralTables: z.boolean().default(true),
    columnCase: z.enum(['snake', 'camel']).default('snake'),
  })
  .strict();

export const pathsSchema = z
  .object({
    schema: z.string().default('prisma/schema.prisma'),
    prismaConfig: z.string().default('prisma.config.ts'),
    migrations: z.string().default('prisma/migrations'),
    repos: z.string().default('src/infrastructure/repos'),
    db: z.string().default('src/infrastructure/db'),
    seeds: z.string().default('src/infrastructure/db/seeds'),
    messaging: z.string().default('src/infrastructure/messaging'),
    prismaClientOutput: z.string().default('src/infrastructure/db/generated/prisma'),
  })
  .strict();

/** infragen's options after parsing: config file and flags merged, defaults filled in. Never mutated. */
export const optionsSchema = z
  .object({
    entities: z.array(z.string()).nonempty().default(['src/domain/**/*.ts']),
    paths: pathsSchema.default(() => pathsSchema.parse({})),
    naming: namingSchema.default(() => namingSchema.parse({})),
    idStrategy: z.enum(['uuid', 'cuid', 'autoincrement']).default('uuid'),
    /** How a value object with several fields is stored: prefixed columns, or one Json column. */
    valueObjectStorage: z.enum(['columns', 'json']).default('columns'),
    templates: z.string().default('.infragen/templates'),
    broker: z.enum(brokers).optional(),
  })
  .strict();

export type InfragenOptions = z.output<typeof optionsSchema>;
export type NamingOptions = InfragenOptions['naming'];
export type PathOptions = InfragenOptions['paths'];

export function defaultOptions(): InfragenOptions {
  return optionsSchema.parse({});
}
