/**
 * What happens when a planned file already exists:
 * - `owned`: infragen regenerates it; refused if the user edited it since infragen last wrote it, unless `--force`.
 * - `merged`: the generator read the existing file (through a `ProjectFiles` view) and merged into it,
 *   keeping what the user wrote (e.g. `schema.prisma`); written when the disk still holds what was read.
 * - `scaffold`: written once, then it is the user's; kept as it is unless `--force`.
 * - `immutable`: written once and never rewritten, even with `--force` (migrations).
 */
export type ConflictPolicy = 'owned' | 'merged' | 'scaffold' | 'immutable';

interface PlannedFileBase {
  /** Project-relative path with `/` separators. */
  path: string;
  policy: ConflictPolicy;
  /** Which generator planned it, for messages. */
  generator: string;
  /** Run prettier over it before comparing and writing (default: by file extension). */
  format?: boolean;
  /**
   * For a merged file: the sha256 of each block infragen owns in it (`model Order` → hash of its text), recorded in
   * the manifest so that a later run tells its blocks from the user's and removes the ones no longer generated.
   */
  blocks?: Readonly<Record<string, string>>;
  /**
   * For a projector: the events whose handlers infragen wrote into it, recorded in the manifest (also when the
   * file itself is kept) so that a later run does not write again a handler the user deleted.
   */
  handlers?: readonly string[];
  /**
   * Format only the text between `head` and `tail` (object members the generator added to a file of the user's),
   * which the rendered text starts and ends with; both are kept byte for byte. Takes the place of `format`.
   */
  formatBetween?: { head: string; tail: string };
}

/** A file whose text is produced by rendering a template (path relative to the templates folder). */
export interface TemplatePlannedFile extends PlannedFileBase {
  template: string;
  data: object;
}

/** A file whose text the generator already has (e.g. a merged `schema.prisma`, migration SQL). */
export interface ContentPlannedFile extends PlannedFileBase {
  content: string;
}

/**
 * A TypeScript source kept under the templates folder (type-checked and tested in infragen's repo), written
 * as it is but for a header and its relative imports, which point where their targets are written.
 */
export interface RuntimePlannedFile extends PlannedFileBase {
  runtime: {
    /** Its path under the templates folder, e.g. `messaging/runtime/messaging/shared/backoff.ts`. */
    file: string;
    /** Its path in the runtime tree, e.g. `messaging/shared/backoff.ts`. */
    source: string;
    /** Where each top folder of the runtime tree is written in the project. */
    destinations: Readonly<Record<string, string>>;
    /** The project's relative import suffix: `.js`, `.ts`, or none. */
    importSuffix: string;
    /** The template (a partial) whose text heads the file, e.g. the owned-file "do not edit" line. */
    header: string;
  };
}

/** What generators return. Only the render and workspace stages turn these into files on disk. */
export type PlannedFile = TemplatePlannedFile | ContentPlannedFile | RuntimePlannedFile;

/** A planned file after rendering: what the staged change set receives. */
export type RenderedFile = ContentPlannedFile;
