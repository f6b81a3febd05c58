/**
 * A TypeScript string literal in single quotes holding `value` exactly: the one way user-controlled text
 * (config paths, commands) is printed into generated TypeScript.
 */
export function tsString(value: string): string {
  const escaped = value.replace(/[\\'\n\r\u2028\u2029\0]/g, (char) => escapes[char] ?? char);
  return `'${escaped}'`;
}

const escapes: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\0': '\\0',
};
