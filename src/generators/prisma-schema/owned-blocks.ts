import { warningDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { sha256 } from '../../workspace/manifest.js';
import type { ProjectTree } from '../../workspace/project-tree.js';

/** A `model`/`enum` block of a schema as lines `first`..`last` (1-based), keyed `model Order`. */
interface BlockLines {
  key: string;
  first: number;
  last: number;
  text: string;
}

/** The model and enum blocks of a schema, found line by line: a block starts a line and ends at a line starting with `}`. */
function blockLines(schema: string): BlockLines[] {
  const lines = schema.split('\n');
  const blocks: BlockLines[] = [];
  for (let index = 0; index < lines.length; index++) {
    const start = /^(model|enum)\s+(\w+)\s*\{/.exec(lines[index]!);
    if (!start) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('}'));
    if (end < 0) break;
    blocks.push({ key: `${start[1]} ${start[2]}`, first: index + 1, last: end + 1, text: lines.slice(index, end + 1).join('\n') });
    index = end;
  }
  return blocks;
}

/** `model Order`, `enum Status`…: the model and enum blocks a schema has. */
export function blockKeys(schema: string | undefined): Set<string> {
  return new Set(blockLines(schema ?? '').map((block) => block.key));
}

/** The hash a block is recorded under: its text with trailing spaces dropped from each line. */
const blockHash = (text: string): string => sha256(text.replace(/[ \t]+$/gm, ''));

export interface StaleBlocks {
  /** The schema without the blocks infragen wrote that no longer come from the domain and that nobody edited. */
  schema: string | undefined;
  /** `model Gadget`…: what was removed, for the plan's note. */
  removed: string[];
  /** Recorded blocks still in the schema and kept (edited since infragen wrote them), with their record. */
  kept: Record<string, string>;
  warnings: Diagnostic[];
}

/**
 * What the manifest recorded as infragen's blocks in `file` (nothing for a tree that keeps no manifest); undefined
 * when the manifest was written by an infragen that recorded no blocks, and that infragen wrote the file.
 */
export function recordedBlocks(tree: ProjectTree, file: string): Readonly<Record<string, string>> | undefined {
  return tree.recordedBlocks ? tree.recordedBlocks(file) : {};
}

/** Models infragen writes that come from no domain declaration: the outbox's, the inbox's, the projections' checkpoints. */
const infrastructureModels = new Set(['model OutboxEvent', 'model InboxMessage', 'model ProjectionCheckpoint']);

/** The line a projection writes above a read model's block (see `readModelBlock`). */
const readModelDoc = /^\/\/\/ Read model /;

export interface AdoptedBlocks {
  /** Each block of a declared model or enum, recorded under the hash of what infragen generates for it. */
  record: Record<string, string>;
  /** The blocks from no domain declaration, which infragen cannot tell from the user's: kept, reported (IG309). */
  warnings: Diagnostic[];
}

/**
 * The record of a schema that an infragen that recorded no blocks wrote. A block of a model or enum the domain declares
 * is recorded with the hash of what infragen generates for it (`generated`, the schema with every declared block
 * generated), so it counts as unedited only when it equals that. A block from no declaration may be one infragen wrote
 * for an entity since removed, or the user's: infragen cannot know what it generated for it, so it is kept and reported.
 */
export function adoptedBlocks(schema: string, file: string, generated: string | undefined, declared: ReadonlySet<string>): AdoptedBlocks {
  const generatedHashes = new Map(blockLines(generated ?? '').map((block) => [block.key, blockHash(block.text)]));
  const lines = schema.split('\n');
  const result: AdoptedBlocks = { record: {}, warnings: [] };
  for (const block of blockLines(schema)) {
    if (declared.has(block.key.split(' ')[1]!)) {
      const hash = generatedHashes.get(block.key);
      if (hash !== undefined) result.record[block.key] = hash;
      continue;
    }
    if (infrastructureModels.has(block.key) || readModelDoc.test(lines[block.first - 2] ?? '')) continue;
    result.warnings.push(
      warningDiagnostic(
        'IG309',
        `${block.key} in ${file} comes from no domain declaration, and .infragen/manifest.json (written by an older infragen) does not say whether infragen wrote it: kept`,
        { file, line: block.first, column: 1 },
        `if it came from an entity you removed, delete the block yourself (then write a migration with --migration <name> --accept-data-loss to drop its ${block.key.startsWith('model') ? 'table' : 'type'}); this is reported once, as the manifest now records the schema's blocks`,
      ),
    );
  }
  return result;
}

/**
 * Drops from `schema` the blocks infragen wrote (per the manifest's record) whose model or enum is no longer declared
 * in the domain: a renamed or deleted entity's model goes with it, like its repository. A block edited since it was
 * written is kept and reported instead; a block the user wrote was never recorded and is never touched.
 */
export function dropStaleBlocks(
  schema: string | undefined,
  file: string,
  recorded: Readonly<Record<string, string>>,
  declared: ReadonlySet<string>,
): StaleBlocks {
  const stale = Object.keys(recorded).filter((key) => !declared.has(key.split(' ')[1]!));
  const result: StaleBlocks = { schema, removed: [], kept: {}, warnings: [] };
  if (schema === undefined || stale.length === 0) return result;
  const lines = schema.split('\n');
  const blocks = blockLines(schema);
  const unedited = blocks.filter((block) => stale.includes(block.key) && blockHash(block.text) === recorded[block.key]);
  const keep = (block: BlockLines, message: string) => {
    result.kept[block.key] = recorded[block.key]!;
    result.warnings.push(
      warningDiagnostic(
        'IG306',
        `${block.key} in ${file} no longer comes from the domain, but ${message}: kept`,
        { file, line: block.first, column: 1 },
        `delete the block yourself when you no longer need it (then write a migration with --migration <name> --accept-data-loss to drop its ${block.key.startsWith('model') ? 'table' : 'type'})`,
      ),
    );
  };
  for (const block of blocks.filter((candidate) => stale.includes(candidate.key) && !unedited.includes(candidate)))
    keep(block, 'it was edited since infragen wrote it');
  // A block that stays (an edited one, the user's) may still use an unedited one as a field type: that one stays too.
  const dropped = new Set(unedited);
  for (let changed = true; changed;) {
    changed = false;
    for (const block of dropped) {
      const user = blocks.find((other) => !dropped.has(other) && usesType(other.text, block.key.split(' ')[1]!));
      if (!user) continue;
      dropped.delete(block);
      keep(block, `${user.key}, which stays, uses it`);
      changed = true;
    }
  }
  const drop = new Set<number>();
  for (const block of dropped) {
    result.removed.push(block.key);
    // The block and the blank lines after it.
    let end = block.last;
    while (end < lines.length && lines[end]!.trim() === '') end++;
    for (let line = block.first; line <= end; line++) drop.add(line);
  }
  result.schema = lines.filter((_, index) => !drop.has(index + 1)).join('\n');
  return result;
}

/** Whether a field of the block (a line after its first) has the type `name` (`  kind WidgetKind?`, `  tags Tag[]`). */
function usesType(blockText: string, name: string): boolean {
  return new RegExp(`^\\s+\\w+\\s+${name}(\\[\\])?\\??(\\s|$)`, 'm').test(blockText.slice(blockText.indexOf('\n')));
}

/** The record of the blocks infragen owns in the written schema: those it wrote this run, and the earlier ones still there. */
export function ownedBlockRecord(content: string, written: ReadonlySet<string>, earlier: Readonly<Record<string, string>>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const block of blockLines(content)) {
    if (written.has(block.key)) record[block.key] = blockHash(block.text);
    else if (earlier[block.key] !== undefined) record[block.key] = earlier[block.key]!;
  }
  return record;
}
