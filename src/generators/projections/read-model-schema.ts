import type { NamingOptions } from '../../config/options.js';
import { columnName, tableName } from '../../model/names.js';
import type { ReadModel } from '../../model/read-model.js';
import type { SchemaBlock } from '../prisma-schema/index.js';
import type { StoredField } from './read-model-fields.js';

const quote = (text: string): string => JSON.stringify(text);

/** The read model's table: one column per field, the key as primary key, `@unique`/`@index`/`@map`/`@db` tags honoured. */
export function readModelBlock(readModel: ReadModel, fields: readonly StoredField[], key: StoredField, naming: NamingOptions, projection: string): SchemaBlock {
  const lines = fields.map(({ field, prismaType }) => {
    const column = field.tags.map ?? columnName(field.name, naming);
    const attributes = [
      ...(field === key.field ? ['@id'] : []),
      ...(field.tags.unique && field !== key.field ? ['@unique'] : []),
      ...(field.tags.default !== undefined ? [`@default(${field.tags.default})`] : []),
      ...(column !== field.name ? [`@map(${quote(column)})`] : []),
      ...(field.tags.db ? [`@db.${field.tags.db}`] : []),
    ];
    return `  ${field.name} ${prismaType}${field.optional ? '?' : ''}${attributes.length > 0 ? ` ${attributes.join(' ')}` : ''}`;
  });
  const indexes = fields.filter(({ field }) => field.tags.index && field !== key.field).map(({ field }) => `  @@index([${field.name}])`);
  const table = tableName(readModel.name, naming);
  const text = [
    `/// Read model ${readModel.name} (${readModel.source.file}), kept up to date by the projection ${projection}.`,
    `model ${readModel.name} {`,
    ...lines,
    '',
    ...indexes,
    ...(table !== readModel.name ? [`  @@map(${quote(table)})`] : []),
    '}',
  ].join('\n');
  return { type: 'model', name: readModel.name, text };
}
