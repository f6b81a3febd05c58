import type { InfragenOptions } from './options.js';

/**
 * Every option's default, as plain data: the schema in `options.ts` fills these in, and a project with no
 * configuration at all gets them without loading the schema's validator.
 */
export const optionDefaults = {
  entities: ['src/domain/**/*.ts'],
  paths: {
    schema: 'prisma/schema.prisma',
    prismaConfig: 'prisma.config.ts',
    migrations: 'prisma/migrations',
    repos: 'src/infrastructure/repos',
    db: 'src/infrastructure/db',
    seeds: 'src/infrastructure/db/seeds',
    messaging: 'src/infrastructure/messaging',
    prismaClientOutput: 'src/infrastructure/db/generated/prisma',
  },
  naming: { tableCase: 'snake', pluralTables: true, columnCase: 'snake' },
  idStrategy: 'uuid',
  valueObjectStorage: 'columns',
  scaffoldPorts: false,
  versioned: [],
  templates: '.infragen/templates',
} as const;

export function defaultOptions(): InfragenOptions {
  return structuredClone(optionDefaults) as unknown as InfragenOptions;
}
