/**
 * What happens when a planned file already exists:
 * - `owned`: infragen regenerates it; refused if the user edited it since infragen last wrote it, unless `--force`.
 * - `scaffold`: written once, then it is the user's; kept as it is unless `--force`.
 * - `immutable`: written once and never rewritten, even with `--force` (migrations).
 */
export type ConflictPolicy = 'owned' | 'scaffold' | 'immutable';

/** A file a generator wants to exist. Generators return these; only the workspace touches the disk. */
export interface PlannedFile {
  /** Project-relative path with `/` separators. */
  path: string;
  content: string;
  policy: ConflictPolicy;
  /** Which generator planned it, for messages. */
  generator: string;
  /** Run prettier over it before comparing and writing (default: by file extension). */
  format?: boolean;
}
