/**
 * Finds the module specifiers of a TypeScript source's import and export declarations (`import … from`,
 * `import '…'`, `export … from`, `import('…')`) by scanning it the way a tokenizer would: text inside
 * strings, template literals, comments and regular expressions is never taken for a declaration.
 */

const identifierChar = /[\w$]/;
/** After these characters (or keywords) a `/` starts a regular expression rather than a division. */
const regexAfterChar = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const regexAfterWord = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

interface Specifier {
  /** Offset of the opening quote. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  text: string;
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  let index = start + 1;
  while (index < source.length && source[index] !== quote && source[index] !== '\n') index += source[index] === '\\' ? 2 : 1;
  return index + 1;
}

function skipComment(source: string, start: number): number {
  if (source[start + 1] === '/') {
    const end = source.indexOf('\n', start);
    return end === -1 ? source.length : end;
  }
  const end = source.indexOf('*/', start + 2);
  return end === -1 ? source.length : end + 2;
}

function skipRegex(source: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < source.length && source[index] !== '\n') {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
    index += 1;
  }
  index += 1;
  while (index < source.length && identifierChar.test(source[index] ?? '')) index += 1;
  return index;
}

/** Skips white space and comments. */
function skipTrivia(source: string, start: number): number {
  let index = start;
  for (;;) {
    while (index < source.length && /\s/.test(source[index] ?? '')) index += 1;
    if (source[index] === '/' && (source[index + 1] === '/' || source[index + 1] === '*')) index = skipComment(source, index);
    else return index;
  }
}

function stringAt(source: string, index: number): Specifier | undefined {
  const quote = source[index];
  if (quote !== "'" && quote !== '"') return undefined;
  const end = skipString(source, index);
  return { start: index, end, text: source.slice(index + 1, end - 1) };
}

/**
 * The specifier of the declaration whose keyword ends at `index`: the clause between the keyword and
 * `from` holds only names, braces, commas, `*` and comments; anything else (`export const`, `import.meta`)
 * is not a declaration with a specifier.
 */
function declarationSpecifier(source: string, keyword: 'import' | 'export', index: number): Specifier | undefined {
  let cursor = skipTrivia(source, index);
  if (keyword === 'import' && source[cursor] === '(') return stringAt(source, skipTrivia(source, cursor + 1));
  if (keyword === 'import') {
    const direct = stringAt(source, cursor);
    if (direct !== undefined) return direct;
  } else if (source[cursor] !== '{' && source[cursor] !== '*' && !source.startsWith('type', cursor)) {
    return undefined;
  }
  for (;;) {
    cursor = skipTrivia(source, cursor);
    const word = /^[\w$]+/.exec(source.slice(cursor, cursor + 64))?.[0];
    if (word === 'from') return stringAt(source, skipTrivia(source, cursor + 4));
    if (word !== undefined) cursor += word.length;
    else if ('{},*'.includes(source[cursor] ?? '.')) cursor += 1;
    else return undefined;
  }
}

/** Every module specifier of the source's import and export declarations, in order. */
export function moduleSpecifiers(source: string): Specifier[] {
  const found: Specifier[] = [];
  /** Open `${` substitutions of template literals, as the brace depth at which each one closes. */
  const substitutions: number[] = [];
  let depth = 0;
  let lastWord = '';
  let lastChar = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === '/' && (source[index + 1] === '/' || source[index + 1] === '*')) {
      index = skipComment(source, index);
      continue;
    }
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === "'" || char === '"') {
      index = skipString(source, index);
    } else if (char === '`' || (char === '}' && substitutions.at(-1) === depth)) {
      if (char === '}') substitutions.pop();
      const template = skipTemplate(source, index + 1);
      index = template.end;
      if (template.inSubstitution) {
        substitutions.push(depth);
        lastWord = '';
        lastChar = '{';
        continue;
      }
    } else if (char === '/' && (regexAfterChar.has(lastChar) || regexAfterWord.has(lastWord) || lastChar === '')) {
      index = skipRegex(source, index);
    } else if (identifierChar.test(char)) {
      const word = /^[\w$]+/.exec(source.slice(index, index + 64))?.[0] ?? char;
      const afterDot = lastChar === '.' && lastWord === '';
      if ((word === 'import' || word === 'export') && !afterDot) {
        const specifier = declarationSpecifier(source, word, index + word.length);
        if (specifier !== undefined) found.push(specifier);
      }
      index += word.length;
      lastWord = word;
      lastChar = 'a';
      continue;
    } else {
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      index += 1;
    }
    lastWord = '';
    lastChar = char === "'" || char === '"' || char === '`' || char === '/' ? 'a' : char;
  }
  return found;
}

/** Skips template text up to the closing backtick, or up to the next `${`. */
function skipTemplate(source: string, start: number): { end: number; inSubstitution: boolean } {
  let index = start;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') index += 2;
    else if (char === '`') return { end: index + 1, inSubstitution: false };
    else if (char === '$' && source[index + 1] === '{') return { end: index + 2, inSubstitution: true };
    else index += 1;
  }
  return { end: index, inSubstitution: false };
}

/** The source with each relative specifier (`./…`, `../…`) of its declarations replaced by `rewrite(specifier)`. */
export function rewriteRelativeSpecifiers(source: string, rewrite: (specifier: string) => string): string {
  let result = '';
  let copied = 0;
  for (const { start, end, text } of moduleSpecifiers(source)) {
    if (!text.startsWith('./') && !text.startsWith('../')) continue;
    const quote = source[start];
    result += `${source.slice(copied, start)}${quote}${rewrite(text)}${quote}`;
    copied = end;
  }
  return result + source.slice(copied);
}
