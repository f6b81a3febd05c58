// Handlers for events added to a projection on a later run, placed into the projector the user already has:
// the file is theirs, so it is read as text and only added to, never rewritten.

/** The user's projector cut where the new handlers go: `head` ends inside the projector object, `tail` closes it. */
export interface ProjectorInsertion {
  head: string;
  tail: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the member named `method` (`async onX(`, `onX(`, `onX:`) starts in the projector text: inside the projector
 * object when `projector` names one the text declares, else anywhere. Undefined when there is none.
 */
export function handlerOffset(text: string, method: string, projector?: string): number | undefined {
  const object = projector === undefined ? undefined : projectorObject(text, projector);
  const start = object?.open ?? 0;
  const pattern = new RegExp(`(^|[\\s,{])(async\\s+)?${escapeRegExp(method)}\\s*[(:]`, 'gm');
  pattern.lastIndex = start;
  // A handler commented out is not there.
  const match = pattern.exec(withoutComments(text));
  if (match === null || (object !== undefined && match.index >= object.close)) return undefined;
  return match.index + match[1]!.length;
}

/** Whether the projector text already has a member named `method`. */
export function hasHandler(text: string, method: string, projector?: string): boolean {
  return handlerOffset(text, method, projector) !== undefined;
}

/** `export const <projector> = {…}` in the text: where its declaration starts, and its braces. */
export function projectorObject(text: string, projector: string): { declaration: number; open: number; close: number } | undefined {
  const declaration = new RegExp(`export\\s+const\\s+${escapeRegExp(projector)}\\b[^=]*=\\s*\\{`).exec(text);
  if (declaration === null) return undefined;
  const open = declaration.index + declaration[0].length - 1;
  const close = closingBrace(text, open);
  return close === undefined ? undefined : { declaration: declaration.index, open, close };
}

/**
 * The index of the brace closing the one at `open`, skipping strings, template literals and comments; undefined
 * when the text ends first.
 */
function closingBrace(text: string, open: number): number | undefined {
  // Each entry: a brace or a template literal's `${` that is still open.
  const stack: ('{' | '${')[] = [];
  let index = open;
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else if (char === "'" || char === '"') {
      index = skipQuoted(text, index, char);
    } else if (char === '`') {
      const resumed = skipTemplate(text, index + 1, stack);
      if (resumed === undefined) return undefined;
      index = resumed;
    } else if (char === '{') {
      stack.push('{');
      index += 1;
    } else if (char === '}') {
      const opened = stack.pop();
      if (stack.length === 0) return index;
      index += 1;
      // The end of a `${…}`: back inside its template literal.
      if (opened === '${') {
        const resumed = skipTemplate(text, index, stack);
        if (resumed === undefined) return undefined;
        index = resumed;
      }
    } else {
      index += 1;
    }
  }
  return undefined;
}

/** The text with each comment blanked out (same length, line breaks kept); strings and template literals as they are. */
function withoutComments(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    let end: number;
    if (char === '/' && (next === '/' || next === '*')) {
      const close = next === '/' ? text.indexOf('\n', index) : text.indexOf('*/', index + 2);
      end = close === -1 ? text.length : next === '/' ? close : close + 2;
      result += text.slice(index, end).replace(/[^\n]/g, ' ');
    } else {
      end = char === "'" || char === '"' ? skipQuoted(text, index, char) : char === '`' ? templateEnd(text, index) : index + 1;
      result += text.slice(index, end);
    }
    index = Math.min(end, text.length);
  }
  return result;
}

/** Past the backtick closing the template literal opened at `start` (its `${…}` parts read as text). */
function templateEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '`') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < text.length && text[index] !== quote && text[index] !== '\n') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** From inside a template literal: past its closing backtick, or past a `${` (pushed on the stack). */
function skipTemplate(text: string, start: number, stack: ('{' | '${')[]): number | undefined {
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\') index += 2;
    else if (char === '`') return index + 1;
    else if (char === '$' && text[index + 1] === '{') {
      stack.push('${');
      return index + 2;
    } else index += 1;
  }
  return undefined;
}

/** Whether an import statement of the text already brings `name` in (the user kept the import of a handler they deleted). */
export function importsName(text: string, name: string): boolean {
  return new RegExp(`^import\\s[^;]*[{,\\s]${escapeRegExp(name)}\\s*[,}][^;]*;`, 'm').test(text);
}

/**
 * Where handlers go in `text`, the user's projector: before the brace closing `export const <projector> = {`,
 * after a comma, with `importLines` added after the file's last import. Undefined when the object is not found.
 */
export function projectorInsertion(text: string, projector: string, importLines: readonly string[]): ProjectorInsertion | undefined {
  const object = projectorObject(text, projector);
  if (object === undefined) return undefined;
  const { declaration, close } = object;
  const body = text.slice(0, close).trimEnd();
  const separator = body.endsWith(',') || body.endsWith('{') ? '' : ',';
  const imports = [...text.slice(0, declaration).matchAll(/^import\s[^;]*;[^\n]*\n/gm)];
  const afterImports = imports.length > 0 ? imports[imports.length - 1]!.index + imports[imports.length - 1]![0].length : 0;
  const added = importLines.map((line) => `${line}\n`).join('');
  return { head: `${body.slice(0, afterImports)}${added}${body.slice(afterImports)}${separator}\n`, tail: text.slice(close) };
}
