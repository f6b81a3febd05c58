import type { Node } from 'ts-morph';
import type { FieldTags } from '../model/domain.js';

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

/** The text inside the balanced parentheses of `@name(...)`, or undefined when the tag is absent. */
export function tagArgument(text: string, name: string): string | undefined {
  const match = new RegExp(`@${name.replace('.', '\\.')}\\(`).exec(text);
  if (!match) return undefined;
  let depth = 1;
  const start = match.index + match[0].length;
  for (let position = start; position < text.length; position += 1) {
    const char = text[position];
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth === 0) return text.slice(start, position).trim();
  }
  return undefined;
}

export function hasTag(text: string, name: string): boolean {
  return new RegExp(`@${name}(?![\\w.])`).test(text);
}

const unquote = (raw: string): string => raw.replace(/^(['"`])(.*)\1$/s, '$2');

/** The field refinements written in JSDoc: `@id @unique @index @default(…) @map("…") @float @decimal @db.X(…) @ignore @json`. */
export function fieldTags(text: string): FieldTags {
  const tags: FieldTags = {};
  if (!text.includes('@')) return tags;
  for (const flag of ['id', 'unique', 'index', 'float', 'decimal', 'ignore', 'json'] as const) {
    if (hasTag(text, flag)) tags[flag] = true;
  }
  const fallback = tagArgument(text, 'default');
  if (fallback !== undefined) tags.default = fallback;
  const map = tagArgument(text, 'map');
  if (map !== undefined) tags.map = unquote(map);
  const db = /@db\.([A-Za-z][\w]*)/.exec(text);
  if (db?.[1]) {
    const argument = tagArgument(text, `db.${db[1]}`);
    tags.db = argument === undefined ? db[1] : `${db[1]}(${argument})`;
  }
  return tags;
}

/** `@table("orders")` on a class → `orders`. */
export function tableTag(text: string): string | undefined {
  const table = tagArgument(text, 'table');
  return table === undefined ? undefined : unquote(table);
}

export function isEntityTagged(text: string): boolean {
  return hasTag(text, 'entity') || tagArgument(text, 'table') !== undefined;
}
