import { createRequire } from 'node:module';
import type { Block } from '@mrleebo/prisma-ast';
import { errorDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { SchemaBlock } from './print-blocks.js';

interface LocatedBlock {
  block: Block;
  start: number;
}

/** A span of the existing text: one block with whatever whitespace follows it up to the next block. */
interface Span {
  block: Block;
  start: number;
  end: number;
}

type PrismaAst = typeof import('@mrleebo/prisma-ast');

let ast: { library: PrismaAst; parser: InstanceType<PrismaAst['PrismaParser']> } | undefined;

/** Loaded on first use: the library builds its grammar when imported, which costs about 0.3 s. */
function prismaAst(): NonNullable<typeof ast> {
  if (!ast) {
    const library = createRequire(import.meta.url)('@mrleebo/prisma-ast') as PrismaAst;
    ast = { library, parser: new library.PrismaParser({ nodeLocationTracking: 'full' }) };
  }
  return ast;
}

function parse(text: string, file: string): Block[] | Diagnostic {
  const { library, parser } = prismaAst();
  const Visitor = library.VisitorClassFactory(parser);
  try {
    return library.getSchema(text, { parser, visitor: new Visitor(parser) }).list;
  } catch (error) {
    return errorDiagnostic(
      'IG301',
      `${file} is not a valid Prisma schema, so infragen cannot merge into it: ${(error as Error).message.split('\n')[0]}`,
      { file, line: 1, column: 1 },
      'fix the schema (`npx prisma validate` shows where), or move it away to let infragen write a new one',
    );
  }
}

function spans(text: string, blocks: readonly Block[]): Span[] {
  const located: LocatedBlock[] = blocks.flatMap((block) => ('location' in block && block.location ? [{ block, start: block.location.startOffset }] : []));
  return located.map((entry, index) => ({ block: entry.block, start: entry.start, end: located[index + 1]?.start ?? text.length }));
}

const keyOf = (type: string, name: string): string => `${type}:${name}`;

function blockKey(block: Block): string | undefined {
  return block.type === 'model' || block.type === 'enum' || block.type === 'generator' || block.type === 'datasource' ? keyOf(block.type, block.name) : undefined;
}

/**
 * Whether merging would give the text back: every owned and missing block stands in it as it would be
 * written (a block starts a line, and Prisma has no block comments), and it has a generator and a datasource.
 * Regenerating an unchanged domain then needs no parser.
 */
function alreadyMerged(text: string, merge: SchemaMerge): boolean {
  if (text.trim() === '') return false;
  // Prisma's formatter aligns columns and sets blank lines: compare with runs of spaces folded, blank lines out.
  const fold = (source: string) => source.replace(/[ \t]+/g, ' ').replace(/ $/gm, '').replace(/\n{2,}/g, '\n');
  const lines = `\n${fold(text)}\n`;
  const stands = (block: SchemaBlock) => lines.includes(`\n${fold(block.text)}\n`);
  const hasKind = (kind: string) => new RegExp(`^${kind}\\s+\\w+\\s*\\{`, 'm').test(text);
  return [...merge.owned, ...merge.missing].every(stands) && merge.header.every((block) => hasKind(block.type));
}

export interface SchemaMerge {
  /** Blocks infragen owns: replaced where they stand, or appended. */
  owned: readonly SchemaBlock[];
  /** Blocks added only when the schema has none of the same kind and name (models the owned ones relate to). */
  missing: readonly SchemaBlock[];
  /** Blocks added at the top only when the schema has no block of that kind at all (generator, datasource). */
  header: readonly SchemaBlock[];
}

/**
 * Writes blocks into an existing schema. Everything infragen does not own — the user's models, enums,
 * comments, generators — is kept byte for byte.
 */
export function mergeSchema(existing: string | undefined, file: string, merge: SchemaMerge): string | Diagnostic {
  const text = existing ?? '';
  if (alreadyMerged(text, merge)) return `${text.trim()}\n`;
  // No schema yet: nothing to keep, and no need to load the parser (its grammar set-up costs ~0.3 s).
  const blocks = text.trim() === '' ? [] : parse(text, file);
  if (!Array.isArray(blocks)) return blocks;
  const kinds = new Set(blocks.map((block) => block.type as string));
  const names = new Set(blocks.flatMap((block) => blockKey(block) ?? []));
  const header = merge.header.filter((block) => !kinds.has(block.type));
  const owned = [...merge.owned, ...merge.missing.filter((block) => !names.has(keyOf(block.type, block.name)) && !merge.owned.some((o) => o.name === block.name && o.type === block.type))];
  const replacements = new Map(owned.map((block) => [keyOf(block.type, block.name), block]));
  const used = new Set<string>();
  let merged = '';
  let cursor = 0;
  for (const span of spans(text, blocks)) {
    const key = blockKey(span.block);
    const replacement = key ? replacements.get(key) : undefined;
    if (!replacement || !key) continue;
    const body = text.slice(span.start, span.end);
    const trailing = body.slice(body.trimEnd().length);
    merged += text.slice(cursor, span.start) + replacement.text + trailing;
    cursor = span.end;
    used.add(key);
  }
  merged += text.slice(cursor);
  const appended = owned.filter((block) => !used.has(keyOf(block.type, block.name)));
  const parts = [header.map((block) => block.text).join('\n\n'), merged.trim(), appended.map((block) => block.text).join('\n\n')];
  return parts.filter((part) => part.length > 0).join('\n\n') + '\n';
}
