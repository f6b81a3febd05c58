import type { DiagnosticCode } from './diagnostic-codes.js';
import type { SourceLocation } from './model/domain.js';

export { diagnosticCodes, type DiagnosticCode } from './diagnostic-codes.js';

/** One problem found in the user's input, reported with where it is and what to do. */
export interface Diagnostic {
  /** A stable code from the registry in `diagnostic-codes.ts`, e.g. `IG101`, so users can search for it. */
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  location?: SourceLocation;
  hint?: string;
}

/** Base of every error infragen raises on purpose. `exitCode` 1 is the user's to fix, 2 is ours. */
export class InfragenError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly diagnostics: readonly Diagnostic[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: a domain file, a flag, a config value. Nothing is written when one is thrown. */
export class UserError extends InfragenError {
  constructor(message: string, diagnostics: readonly Diagnostic[] = [], options?: ErrorOptions) {
    super(message, 1, diagnostics, options);
  }
}

/** A command that ran to its end and found problems (`doctor`): exit 1, and its own result is the `--json` output. */
export class ProblemsFound extends UserError {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

/** Something infragen should have handled: a bug, or a broken installation. */
export class InternalError extends InfragenError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 2, [], options);
  }
}

export function errorDiagnostic(code: DiagnosticCode, message: string, location?: SourceLocation, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(location && { location }), ...(hint && { hint }) };
}

export function warningDiagnostic(code: DiagnosticCode, message: string, location?: SourceLocation, hint?: string): Diagnostic {
  return { code, severity: 'warning', message, ...(location && { location }), ...(hint && { hint }) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Throws a `UserError` carrying every error diagnostic, so all problems are reported at once. */
export function throwIfErrors(diagnostics: readonly Diagnostic[], summary: string): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new UserError(summary, errors);
}

/** `src/domain/user.ts:12:3 error IG101: message` followed by an indented hint. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location
    ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column} `
    : '';
  const head = `${where}${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
  return diagnostic.hint ? `${head}\n  hint: ${diagnostic.hint}` : head;
}
