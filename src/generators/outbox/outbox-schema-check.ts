import { errorDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { ProjectContext } from '../../project/context.js';
import type { ProjectTree } from '../../workspace/project-tree.js';

/** The tables the outbox runtime reads and writes by name, with the models `add outbox` declares them through. */
const outboxTables = [
  { table: 'outbox_events', model: 'OutboxEvent' },
  { table: 'inbox_messages', model: 'InboxMessage' },
] as const;

/** The table of each model of a Prisma schema: its `@@map`, else its name. */
export function schemaTables(schema: string): Set<string> {
  const tables = new Set<string>();
  for (const [, name, body] of schema.matchAll(/^\s*model\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm)) {
    tables.add(/^\s*@@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/m.exec(body!)?.[1] ?? name!);
  }
  return tables;
}

/**
 * The outbox runtime is in the project (so repositories save their events to it, and relays and projections read
 * it) but the schema declares no model for one of its tables: a migration would not create it, or would drop it.
 * Undefined when the outbox is not installed, or the schema has both.
 */
export function missingOutboxModels(context: ProjectContext, tree: ProjectTree): Diagnostic | undefined {
  const { messaging, schema: schemaFile } = context.options.paths;
  const writer = `${messaging}/outbox/outbox-writer.ts`;
  if (!tree.exists(writer)) return undefined;
  const schema = tree.read(schemaFile);
  const tables = schema === undefined ? new Set<string>() : schemaTables(schema);
  const missing = outboxTables.filter(({ table }) => !tables.has(table));
  if (missing.length === 0) return undefined;
  const names = missing.map(({ model, table }) => `${model} (table ${table})`).join(' and ');
  return errorDiagnostic(
    'IG709',
    `${schema === undefined ? `there is no ${schemaFile}` : `${schemaFile} has no ${names}`}, and the outbox runtime in ${messaging}/outbox/ writes and reads ${missing.length === 1 ? 'that table' : 'those tables'} (repositories save their events there)`,
    { file: schema === undefined ? writer : schemaFile, line: 1, column: 1 },
    'run `infragen add outbox` to merge the outbox models back into the schema, then `infragen generate migration add-outbox`',
  );
}
