import path from 'node:path';
import type { Options } from 'prettier';

/** What infragen formats with when the project has no prettier config of its own. */
export const defaultPrettierOptions: Options = { singleQuote: true, printWidth: 120, trailingComma: 'all' };

/** prettier and its plugins load on the first file that needs formatting: a run that formats nothing never pays for them. */
let prettierModule: Promise<typeof import('prettier')> | undefined;
const loadPrettier = () => (prettierModule ??= import('prettier'));

const formattedExtensions = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.md', '.yaml', '.yml']);

export interface FormatResult {
  text: string;
  /** Set when formatting was wanted but failed: the text is kept as rendered. */
  note?: string;
}

/** Ends the text with exactly one line break (of the kind it already uses); empty text stays empty. */
export function withFinalNewline(text: string): string {
  if (text.trim() === '') return text.trim();
  const eol = /\r\n\s*$/.test(text) ? '\r\n' : '\n';
  return text.replace(/(?:\r?\n)*$/, eol);
}

export function shouldFormat(file: string, format: boolean | undefined): boolean {
  return format ?? formattedExtensions.has(path.extname(file).toLowerCase());
}

/**
 * Formats with prettier using the project's own config when it has one, else infragen's defaults.
 * Never fails: when prettier throws, the text is kept unformatted and the reason returned as a note.
 */
export async function formatFile(absPath: string, text: string, format: boolean | undefined): Promise<FormatResult> {
  if (!shouldFormat(absPath, format)) return { text: withFinalNewline(text) };
  try {
    const prettier = await loadPrettier();
    const projectConfig = await prettier.resolveConfig(absPath);
    const formatted = await prettier.format(text, { ...(projectConfig ?? defaultPrettierOptions), filepath: absPath });
    return { text: withFinalNewline(formatted) };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return { text: withFinalNewline(text), note: `not formatted: prettier failed: ${reason}` };
  }
}

/** A name no user file declares: the object that holds added members while prettier formats them. */
const wrapper = 'infragenAddedMembers';

/**
 * Formats the object members between `between.head` and `between.tail` of `text` (what a generator added to a file of
 * the user's) as prettier would inside a top-level object literal of that file, with the same config as `formatFile`;
 * the head and tail are kept byte for byte. Never fails: when prettier throws, the text is kept as rendered.
 */
export async function formatBetween(absPath: string, text: string, between: { head: string; tail: string }): Promise<FormatResult> {
  const { head, tail } = between;
  if (!text.startsWith(head) || !text.endsWith(tail) || text.length < head.length + tail.length) return { text: withFinalNewline(text) };
  const members = text.slice(head.length, text.length - tail.length);
  const formatted = await formatFile(absPath, `const ${wrapper} = {\n${members}};\n`, true);
  const opening = `const ${wrapper} = {\n`;
  const closing = formatted.text.lastIndexOf('\n}');
  if (formatted.note || !formatted.text.startsWith(opening) || closing < opening.length - 1) {
    return { text: withFinalNewline(text), ...(formatted.note && { note: formatted.note }) };
  }
  return { text: withFinalNewline(`${head}${formatted.text.slice(opening.length, closing + 1)}${tail}`) };
}
