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

/** What the manifest recorded as infragen's blocks in `file` (nothing for a tree that keeps no manifest). */
export function recordedBlocks(tree: ProjectTree, file: string): Readonly<Record<string, string>> {
  return tree.recordedBlocks?.(file) ?? {};
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
  const drop = new Set<number>();
  for (const block of blockLines(schema).filter((candidate) => stale.includes(candidate.key))) {
    if (blockHash(block.text) !== recorded[block.key]) {
      result.kept[block.key] = recorded[block.key]!;
      result.warnings.push(
        warningDiagnostic(
          'IG306',
          `${block.key} in ${file} no longer comes from the domain, but it was edited since infragen wrote it: kept`,
          { file, line: block.first, column: 1 },
          `delete the block yourself when you no longer need it (then write a migration with --migration <name> --accept-data-loss to drop its ${block.key.startsWith('model') ? 'table' : 'type'})`,
        ),
      );
      continue;
    }
    result.removed.push(block.key);
    // The block and the blank lines after it.
    let end = block.last;
    while (end < lines.length && lines[end]!.trim() === '') end++;
    for (let line = block.first; line <= end; line++) drop.add(line);
  }
  result.schema = lines.filter((_, index) => !drop.has(index + 1)).join('\n');
  return result;
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
