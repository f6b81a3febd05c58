import { z } from 'zod';
import { UserError, errorDiagnostic } from '../diagnostics.js';
import { optionsSchema, type InfragenOptions } from './options.js';

/** Names a zod issue's key the way a user wrote it: `naming.tableCase`, `entities[0]`. */
function keyOf(issue: z.core.$ZodIssue): string {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
  return keys
    .map((segments) =>
      segments.reduce<string>(
        (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
        '',
      ),
    )
    .join(', ');
}

/**
 * Parses raw configuration into `InfragenOptions`; every problem is reported at once, each naming its key.
 * `source` names where the raw value came from, for the message.
 */
export function parseOptions(raw: unknown, source: string): InfragenOptions {
  const result = optionsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const diagnostics = result.error.issues.map((issue) =>
    errorDiagnostic(
      'IG001',
      issue.code === 'unrecognized_keys' ? `unknown option "${keyOf(issue)}"` : `option "${keyOf(issue)}": ${issue.message}`,
      undefined,
      `check ${source}; the options are: ${Object.keys(optionsSchema.shape).join(', ')}`,
    ),
  );
  throw new UserError(`invalid configuration in ${source}`, diagnostics);
}
