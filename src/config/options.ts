import { z } from 'zod';
import { brokers } from './brokers.js';
import { optionDefaults } from './defaults.js';

export { defaultOptions } from './defaults.js';

const { paths, naming } = optionDefaults;

/** How table and column names are derived from domain names when no `@table`/`@map` says otherwise. */
export const namingSchema = z
  .object({
    tableCase: z.enum(['snake', 'pascal', 'camel']).default(naming.tableCase),
    pluralTables: z.boolean().default(naming.pluralTables),
    columnCase: z.enum(['snake', 'camel']).default(naming.columnCase),
  })
  .strict();

export const pathsSchema = z
  .object({
    schema: z.string().default(paths.schema),
    prismaConfig: z.string().default(paths.prismaConfig),
    migrations: z.string().default(paths.migrations),
    repos: z.string().default(paths.repos),
    db: z.string().default(paths.db),
    seeds: z.string().default(paths.seeds),
    messaging: z.string().default(paths.messaging),
    prismaClientOutput: z.string().default(paths.prismaClientOutput),
  })
  .strict();

/** infragen's options after parsing: config file and flags merged, defaults filled in. Never mutated. */
export const optionsSchema = z
  .object({
    entities: z.array(z.string()).nonempty().default([...optionDefaults.entities]),
    paths: pathsSchema.default(() => pathsSchema.parse({})),
    naming: namingSchema.default(() => namingSchema.parse({})),
    idStrategy: z.enum(['uuid', 'cuid', 'autoincrement']).default(optionDefaults.idStrategy),
    /** How a value object with several fields is stored: prefixed columns, or one Json column. */
    valueObjectStorage: z.enum(['columns', 'json']).default(optionDefaults.valueObjectStorage),
    /** `generate repo` writes a repository port into the domain folder of an aggregate that has none. */
    scaffoldPorts: z.boolean().default(optionDefaults.scaffoldPorts),
    templates: z.string().default(optionDefaults.templates),
    broker: z.enum(brokers).optional(),
    /**
     * The aggregate members exposing its pending domain events, when they are not named by convention: `read` (a
     * property, or a method taking nothing), `clear` (a method); `read` alone is a method returning and clearing them.
     */
    /** Aggregates whose saves are checked against the version they were loaded with (as `@versioned` on the class does). */
    versioned: z.array(z.string().min(1)).default([...optionDefaults.versioned]),
    domainEvents: z.object({ read: z.string().min(1), clear: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();

export type InfragenOptions = z.output<typeof optionsSchema>;
export type NamingOptions = InfragenOptions['naming'];
export type PathOptions = InfragenOptions['paths'];
