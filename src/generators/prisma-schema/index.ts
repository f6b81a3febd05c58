export { clientOutput, PrismaSchemaGenerator, type PrismaSchemaRequest } from './prisma-schema-generator.js';
export { mergeSchema, type SchemaMerge } from './merge-schema.js';
export { printDatasource, printEnum, printGenerator, printModel, type SchemaBlock } from './print-blocks.js';
