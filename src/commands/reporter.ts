import type { Diagnostic } from '../diagnostics.js';

/**
 * Where a command says what it does. The CLI prints it (src/cli/console-reporter.ts); the plop
 * integration collects it. Commands never write to the console themselves.
 */
export interface Reporter {
  /** Progress and notes for a person. */
  info(message: string): void;
  success(message: string): void;
  /** A step that did not succeed, though the command went on (it still ends with an error). */
  failure(message: string): void;
  warn(message: string): void;
  diagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Plain output meant for stdout (a diff, a listing). */
  out(text: string): void;
  /** The machine-readable result of the command (`--json`). */
  result(value: unknown): void;
  /** True when only the machine-readable result may be printed: nothing may prompt either. */
  readonly json: boolean;
}
