/** Statement-level reading of a PostgreSQL script: enough lexing to tell top-level statements apart. */

export interface ScriptStatement {
  /** Offset of the statement's first keyword (after whitespace and comments). */
  start: number;
  /** Offset of its terminating `;`, or the script's length for an unterminated last statement. */
  end: number;
  /** The statement text from its first keyword up to (not including) the `;`. */
  text: string;
}

/** The dollar-quote opening tag at `i` (`$$`, `$tag$`), or undefined when that `$` opens none. */
function dollarTag(script: string, i: number): string | undefined {
  const match = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(script.slice(i, i + 256));
  return match?.[0];
}

/** Splits a script at its top-level semicolons, skipping strings, quoted names, comments and dollar quotes. */
export function splitStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let start = -1;
  let i = 0;
  const close = (end: number) => {
    if (start !== -1) statements.push({ start, end, text: script.slice(start, end) });
    start = -1;
  };
  while (i < script.length) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const newline = script.indexOf('\n', i);
      i = newline === -1 ? script.length : newline + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < script.length && depth > 0) {
        if (script[i] === '/' && script[i + 1] === '*') (depth += 1), (i += 2);
        else if (script[i] === '*' && script[i + 1] === '/') (depth -= 1), (i += 2);
        else i += 1;
      }
      continue;
    }
    if (c === ';') {
      close(i);
      i += 1;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (start === -1) start = i;
    if (c === "'" || c === '"') {
      // E'…' strings let a backslash escape the quote; elsewhere a doubled quote is the escape.
      const escapes = c === "'" && /[eE]/.test(script[i - 1] ?? '') && !/[\w$]/.test(script[i - 2] ?? '');
      i += 1;
      while (i < script.length) {
        if (escapes && script[i] === '\\') i += 2;
        else if (script[i] === c && script[i + 1] === c) i += 2;
        else if (script[i] === c) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === '$' && !/[\w$]/.test(script[i - 1] ?? '')) {
      const tag = dollarTag(script, i);
      if (tag) {
        const closing = script.indexOf(tag, i + tag.length);
        i = closing === -1 ? script.length : closing + tag.length;
        continue;
      }
    }
    i += 1;
  }
  close(script.length);
  return statements;
}

/** `BEGIN`, `START TRANSACTION`, `COMMIT`, `END` (not `COMMIT PREPARED`): they open or end the transaction. */
const transactionBoundary = /^(begin|start\s+transaction|end|commit(?!\s+prepared\b))\b/i;
/** `ROLLBACK`/`ABORT` of the whole transaction (not `ROLLBACK TO [SAVEPOINT]`, not `ROLLBACK PREPARED`). */
const transactionAbort = /^(rollback|abort)\b(?!\s+(to|prepared)\b)/i;

export interface InlinedScript {
  script: string;
  /** Statements that abort the whole transaction: the script cannot run inside another one. */
  aborts: string[];
}

/**
 * The script made to run inside a transaction the caller controls: its own `BEGIN`/`COMMIT` (Prisma wraps
 * enum changes in them) are emptied, leaving a bare `;`, so they can neither commit the caller's transaction
 * half-way nor warn. Everything else is left as it was.
 */
export function inlineTransactions(script: string): InlinedScript {
  let result = '';
  let from = 0;
  const aborts: string[] = [];
  for (const statement of splitStatements(script)) {
    if (transactionAbort.test(statement.text)) aborts.push(statement.text);
    if (!transactionBoundary.test(statement.text)) continue;
    result += script.slice(from, statement.start);
    from = statement.end;
  }
  return { script: result + script.slice(from), aborts };
}
