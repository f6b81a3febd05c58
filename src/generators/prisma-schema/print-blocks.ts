import type { ColumnField, ModelField, RelationField, StoredEnum, StoredModel } from '../../model/persistence/index.js';

/** One top-level block of a Prisma schema, as text, keyed the way the merger finds it in an existing file. */
export interface SchemaBlock {
  type: 'model' | 'enum' | 'generator' | 'datasource';
  name: string;
  text: string;
}

const quote = (text: string): string => JSON.stringify(text);

function columnType(field: ColumnField): string {
  const base = typeof field.type === 'string' ? field.type : field.type.enum;
  return `${base}${field.list ? '[]' : field.optional ? '?' : ''}`;
}

function columnAttributes(field: ColumnField, singleKey: boolean): string[] {
  return [
    ...(field.id && singleKey ? ['@id'] : []),
    ...(field.default !== undefined ? [`@default(${field.default})`] : []),
    ...(field.unique && !field.id ? ['@unique'] : []),
    ...(field.column ? [`@map(${quote(field.column)})`] : []),
    ...(field.nativeType ? [`@db.${field.nativeType}`] : []),
  ];
}

function relationAttribute(field: RelationField): string[] {
  const args = [
    ...(field.relationName ? [quote(field.relationName)] : []),
    ...(field.foreignKey
      ? [
          `fields: [${field.foreignKey.fields.join(', ')}]`,
          `references: [${field.foreignKey.references.join(', ')}]`,
          ...(field.foreignKey.onDelete ? [`onDelete: ${field.foreignKey.onDelete}`] : []),
        ]
      : []),
  ];
  return args.length > 0 ? [`@relation(${args.join(', ')})`] : [];
}

function printField(field: ModelField, singleKey: boolean): string {
  if (field.kind === 'column') return ['  ' + field.name, columnType(field), ...columnAttributes(field, singleKey)].join(' ');
  const type = `${field.model}${field.list ? '[]' : field.optional ? '?' : ''}`;
  return ['  ' + field.name, type, ...relationAttribute(field)].join(' ');
}

/** `@@index` for `@index` fields and foreign keys, unless a key or unique constraint already covers them. */
function blockIndexes(model: StoredModel): string[][] {
  const covered = new Set(model.fields.filter((field) => field.kind === 'column' && (field.unique || (field.id && model.primaryKey.length === 1))).map((field) => field.name));
  const tagged = model.fields.filter((field) => field.kind === 'column' && field.index).map((field) => [field.name]);
  const seen = new Set<string>();
  return [...model.indexes, ...tagged].filter((fields) => {
    const key = fields.join(',');
    if (seen.has(key) || (fields.length === 1 && covered.has(fields[0]!))) return false;
    seen.add(key);
    return true;
  });
}

export function printModel(model: StoredModel): SchemaBlock {
  const singleKey = model.primaryKey.length === 1;
  const lines = [
    `model ${model.name} {`,
    ...model.fields.map((field) => printField(field, singleKey)),
    ...(singleKey ? [] : [`  @@id([${model.primaryKey.join(', ')}])`]),
    ...blockIndexes(model).map((fields) => `  @@index([${fields.join(', ')}])`),
    ...(model.names.table !== model.name ? [`  @@map(${quote(model.names.table)})`] : []),
    '}',
  ];
  return { type: 'model', name: model.name, text: lines.join('\n') };
}

export function printEnum(stored: StoredEnum): SchemaBlock {
  const lines = [
    `enum ${stored.name} {`,
    ...stored.members.map((member) => `  ${member.name}${member.value !== member.name ? ` @map(${quote(member.value)})` : ''}`),
    ...(stored.dbName ? [`  @@map(${quote(stored.dbName)})`] : []),
    '}',
  ];
  return { type: 'enum', name: stored.name, text: lines.join('\n') };
}

export interface ClientGeneratorOptions {
  output: string;
  /** Set for ESM projects whose imports end in `.js` (NodeNext) or `.ts`, so the generated client compiles and runs there. */
  esm: boolean;
  /** The extension of the client's own imports in an ESM project: `ts` where the project imports `.ts` files. */
  importExtension?: 'js' | 'ts';
}

/** Prisma 7's `prisma-client` generator, writing the client where the repositories import it from. */
export function printGenerator({ output, esm, importExtension = 'js' }: ClientGeneratorOptions): SchemaBlock {
  const lines = ['generator client {', '  provider = "prisma-client"', `  output = ${quote(output)}`];
  if (esm) lines.push('  moduleFormat = "esm"', `  importFileExtension = ${quote(importExtension)}`);
  return { type: 'generator', name: 'client', text: [...lines, '}'].join('\n') };
}

/** Prisma 7 keeps the connection URL in `prisma.config.ts`, not in the schema. */
export function printDatasource(provider: string): SchemaBlock {
  return { type: 'datasource', name: 'db', text: `datasource db {\n  provider = ${quote(provider)}\n}` };
}
