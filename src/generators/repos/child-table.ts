import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';
import { tsString } from '../../render/literals.js';

/**
 * The `ChildTable` literal (templates/repos/runtime/repos/child-writes.ts) through which a repository updates a
 * child model's changed rows in one raw statement: the database names of its table and columns, its key and owner
 * key fields, its Json and time-of-day columns and the enums stored under other names.
 */
export function childTableLiteral(child: StoredModel, keyField: string, ownerKeyField: string, persistence: PersistenceModel): string {
  const columns = child.fields.flatMap((field) => (field.kind === 'column' && field.origin.kind !== 'version' ? [field] : []));
  const names = columns.map((field) => `${tsString(field.name)}: ${tsString(field.column ?? field.name)}`);
  const json = columns.filter((field) => field.type === 'Json' && !field.list).map((field) => tsString(field.name));
  const times = columns.filter((field) => field.type === 'DateTime' && /^Time(tz)?\b/i.test(field.nativeType ?? '')).map((field) => tsString(field.name));
  const enums = columns.flatMap((field) => {
    if (typeof field.type !== 'object') return [];
    const name = field.type.enum;
    const members = persistence.enums.find((candidate) => candidate.name === name)?.members.filter((member) => member.name !== member.value) ?? [];
    if (members.length === 0) return [];
    return [`${tsString(field.name)}: { ${members.map((member) => `${tsString(member.name)}: ${tsString(member.value)}`).join(', ')} }`];
  });
  const parts = [
    `table: ${tsString(child.names.table)}`,
    `columns: { ${names.join(', ')} }`,
    `key: ${tsString(keyField)}`,
    `owner: ${tsString(ownerKeyField)}`,
    ...(json.length > 0 ? [`json: [${json.join(', ')}]`] : []),
    ...(times.length > 0 ? [`times: [${times.join(', ')}]`] : []),
    ...(enums.length > 0 ? [`enums: { ${enums.join(', ')} }`] : []),
  ];
  return `{ ${parts.join(', ')} }`;
}
