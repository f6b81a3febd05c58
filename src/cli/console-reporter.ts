import pc from 'picocolors';
import type { Reporter } from '../commands/reporter.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

/**
 * Everything the CLI prints goes through here: human text on stderr/stdout in colour (picocolors turns
 * colour off under NO_COLOR or when not a TTY), or a single JSON document on stdout with `--json`.
 */
export class ConsoleReporter implements Reporter {
  constructor(
    readonly json: boolean,
    readonly verbose: boolean,
  ) {}

  info(message: string): void {
    if (!this.json) process.stderr.write(`${message}\n`);
  }

  success(message: string): void {
    if (!this.json) process.stderr.write(`${pc.green('✔')} ${message}\n`);
  }

  failure(message: string): void {
    if (!this.json) process.stderr.write(`${pc.red('✖')} ${message}\n`);
  }

  warn(message: string): void {
    process.stderr.write(`${pc.yellow('warning')} ${message}\n`);
  }

  diagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) {
      const text = formatDiagnostic(diagnostic);
      process.stderr.write(`${diagnostic.severity === 'error' ? pc.red(text) : pc.yellow(text)}\n`);
    }
  }

  /** Plain output meant for stdout (a diff, a listing). */
  out(text: string): void {
    if (!this.json) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  result(value: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
