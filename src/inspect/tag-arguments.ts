// Reading and re-printing the arguments of JSDoc tags: user text reaches the Prisma schema only through here.

/** The argument of a tag: `rest` starts at its `(`; returns the inner text and how much of `rest` it took. */
export function parseTagArgument(rest: string): { text: string; length: number } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let position = 0; position < rest.length; position += 1) {
    const char = rest[position]!;
    if (quote) {
      if (char === '\\') position += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')' && (depth -= 1) === 0) return { text: rest.slice(1, position).trim(), length: position + 1 };
  }
  return undefined;
}

/** A Prisma string literal holding exactly `value`. */
export function prismaString(value: string): string {
  return JSON.stringify(value);
}

/** The value of a single- or double-quoted literal, or undefined when `raw` is not exactly one. */
function stringValue(raw: string): string | undefined {
  const quote = raw[0];
  if ((quote !== '"' && quote !== "'") || raw.length < 2 || raw.at(-1) !== quote) return undefined;
  let value = '';
  for (let position = 1; position < raw.length - 1; position += 1) {
    const char = raw[position]!;
    if (char === quote) return undefined; // an unescaped quote inside: more than one literal
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = raw[(position += 1)];
    if (next === undefined) return undefined;
    value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
  }
  return value;
}

const functions = new Set(['now', 'uuid', 'cuid', 'autoincrement', 'nanoid', 'ulid', 'dbgenerated']);

/**
 * `@default(…)` in canonical Prisma form: a string, number or boolean literal, an enum member, or one of
 * Prisma's functions with a literal argument. Anything else is undefined: it is never copied into the schema.
 */
export function printDefault(raw: string): string | undefined {
  const text = raw.trim();
  const string = stringValue(text);
  if (string !== undefined) return prismaString(string);
  if (/^-?\d+(\.\d+)?$/.test(text) || text === 'true' || text === 'false') return text;
  if (/^[A-Za-z_]\w*$/.test(text)) return text;
  const call = /^([a-z]+)\((.*)\)$/s.exec(text);
  if (!call || !functions.has(call[1]!)) return undefined;
  const argument = call[2]!.trim();
  if (argument === '') return `${call[1]}()`;
  if (/^\d+$/.test(argument)) return `${call[1]}(${argument})`;
  const value = stringValue(argument);
  return value === undefined ? undefined : `${call[1]}(${prismaString(value)})`;
}

/** `@db.VarChar(120)` → `VarChar(120)`; arguments must be numbers or plain words. */
export function printNativeType(name: string, raw: string | undefined): string | undefined {
  if (!/^[A-Za-z]\w*$/.test(name)) return undefined;
  if (raw === undefined) return name;
  const args = raw.split(',').map((part) => part.trim());
  if (!args.every((part) => /^(\d+|[A-Za-z]\w*)$/.test(part))) return undefined;
  return `${name}(${args.join(', ')})`;
}
