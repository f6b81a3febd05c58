import type { Node } from 'ts-morph';
import type { FieldTags } from '../model/domain.js';
import { parseTagArgument, printDefault, printNativeType } from './tag-arguments.js';

/**
 * The raw text of the `/** … *\/` comments in the trivia before each node, read from the source text (ts-morph
 * splits `@db.VarChar` oddly, and does not count a comment on the same line as the previous token as leading).
 */
export function docText(nodes: readonly (Node | undefined)[]): string {
  return nodes
    .flatMap((node) => {
      if (!node) return [];
      const trivia = node.getSourceFile().getFullText().slice(node.getPos(), node.getStart());
      return trivia.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
    })
    .join('\n');
}

/** One JSDoc tag: `@name` with the raw text of its `(…)` argument, if it has one. */
export interface DocTag {
  name: string;
  argument?: string;
  /** The argument could not be read (an unclosed parenthesis or string). */
  malformed?: boolean;
}

/** The comment's lines without `/**`, `*\/` and the leading `*`. */
function commentLines(text: string): string[] {
  return text
    .replace(/\/\*\*|\*\//g, '\n')
    .split('\n')
    .map((line) => line.replace(/^\s*\*?/, '').trim());
}

/**
 * The tags of JSDoc comments. A tag starts a line (prose such as "shown next to the @id" is not a tag); a
 * tag line may hold several tags (`@id @unique`), and ends at the first word that is not one. Arguments are
 * read with a tokenizer that knows string literals, so a `)` inside quotes does not end them.
 */
export function docTags(text: string): DocTag[] {
  const tags: DocTag[] = [];
  for (const line of commentLines(text)) {
    let rest = line;
    for (let match = /^@([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)?)/.exec(rest); match; match = /^@([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)?)/.exec(rest)) {
      const name = match[1]!;
      rest = rest.slice(match[0].length);
      if (rest.startsWith('(')) {
        const argument = parseTagArgument(rest);
        if (argument === undefined) {
          tags.push({ name, malformed: true });
          break;
        }
        tags.push({ name, argument: argument.text });
        rest = rest.slice(argument.length);
      } else tags.push({ name });
      rest = rest.trimStart();
    }
  }
  return tags;
}

const find = (tags: readonly DocTag[], name: string) => tags.find((tag) => tag.name === name);

export function hasTag(text: string, name: string): boolean {
  return find(docTags(text), name) !== undefined;
}

/** A string literal's value (`"orders"` → `orders`); a bare word as it is. */
function literalValue(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (/^[A-Za-z_][\w]*$/.test(trimmed)) return trimmed;
  try {
    const value: unknown = JSON.parse(trimmed.startsWith("'") ? `"${trimmed.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : trimmed);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A tag the inspector read but could not use, for a diagnostic. */
export interface RejectedTag {
  tag: string;
  reason: string;
}

/**
 * The field refinements written in JSDoc: `@id @unique @index @default(…) @map("…") @float @decimal @db.X(…)
 * @ignore @json @version`. Every argument is parsed and printed again in canonical Prisma form; one that is not a value
 * Prisma takes there is rejected rather than copied into the schema.
 */
export function fieldTags(text: string, rejected: RejectedTag[] = []): FieldTags {
  const tags: FieldTags = {};
  if (!text.includes('@')) return tags;
  const all = docTags(text);
  for (const flag of ['id', 'unique', 'index', 'float', 'decimal', 'ignore', 'json', 'version'] as const) {
    if (find(all, flag)) tags[flag] = true;
  }
  for (const tag of all) {
    if (tag.malformed) rejected.push({ tag: `@${tag.name}`, reason: 'its argument is not closed' });
    else if (tag.name === 'default' && tag.argument !== undefined) {
      const printed = printDefault(tag.argument);
      if (printed === undefined) rejected.push({ tag: `@default(${tag.argument})`, reason: 'it is not a literal, an enum member or one of now(), uuid(), cuid(), autoincrement(), nanoid(), dbgenerated("…")' });
      else tags.default = printed;
    } else if (tag.name === 'map' && tag.argument !== undefined) {
      const value = literalValue(tag.argument);
      if (value === undefined || value === '') rejected.push({ tag: `@map(${tag.argument})`, reason: 'it is not a column name in quotes' });
      else tags.map = value;
    } else if (tag.name.startsWith('db.')) {
      const printed = printNativeType(tag.name.slice(3), tag.argument);
      if (printed === undefined) rejected.push({ tag: `@${tag.name}(${tag.argument ?? ''})`, reason: 'its arguments are not numbers or plain words' });
      else tags.db = printed;
    }
  }
  return tags;
}

/** `@table("orders")` on a class → `orders`. */
export function tableTag(text: string): string | undefined {
  const table = find(docTags(text), 'table')?.argument;
  return table === undefined ? undefined : literalValue(table);
}

export function isEntityTagged(text: string): boolean {
  const tags = docTags(text);
  return find(tags, 'entity') !== undefined || find(tags, 'table')?.argument !== undefined;
}
