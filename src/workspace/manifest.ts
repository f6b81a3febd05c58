import { createHash } from 'node:crypto';
import { UserError, errorDiagnostic } from '../diagnostics.js';
import { manifestPath } from './paths.js';

/** `.infragen/manifest.json`: the sha256 of what infragen last wrote to each file it owns or scaffolded. */
export interface Manifest {
  version: 1;
  files: Record<string, string>;
  /** The sha256 of each file's text as rendered, before formatting: the same text formats the same way again. */
  rendered: Record<string, string>;
  /** Per merged file, the blocks infragen wrote into it and the sha256 of each as written (see `PlannedFile.blocks`). */
  blocks: Record<string, Record<string, string>>;
  /**
   * False for a manifest written by an infragen that did not record blocks yet (it has no `blocks`): which blocks of
   * the merged files it lists infragen wrote is not known. It stays so until a run records blocks.
   */
  blocksRecorded: boolean;
  /**
   * Per projector, the events whose handlers infragen wrote into it: a later run adds handlers only for events not
   * listed here, so a handler the user deleted stays deleted.
   */
  handlers: Record<string, string[]>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function invalidManifest(detail: string): UserError {
  return new UserError(`${manifestPath} is not a valid infragen manifest`, [
    errorDiagnostic(
      'IG015',
      `${manifestPath} is not a valid infragen manifest: ${detail}`,
      undefined,
      `restore it from version control, or delete it and rerun with --force to overwrite the generated files`,
    ),
  ]);
}

/** The manifest's text, undefined when there is none; one that cannot be read is the user's to fix. */
export async function readManifestText(read: (file: string) => Promise<string | undefined>, file: string): Promise<string | undefined> {
  try {
    return await read(file);
  } catch (error) {
    throw invalidManifest(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Parses the manifest's text; an absent manifest is an empty one. */
export function parseManifest(text: string | undefined): Manifest {
  if (text === undefined) return { version: 1, files: {}, rendered: {}, blocks: {}, blocksRecorded: true, handlers: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidManifest(error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== 'object' || parsed === null || !('version' in parsed) || parsed.version !== 1) {
    throw invalidManifest('expected { "version": 1, "files": { … } }');
  }
  const files = 'files' in parsed ? parsed.files : undefined;
  if (typeof files !== 'object' || files === null || Object.values(files).some((hash) => typeof hash !== 'string')) {
    throw invalidManifest('"files" must map paths to sha256 hashes');
  }
  const rendered = 'rendered' in parsed && typeof parsed.rendered === 'object' && parsed.rendered !== null ? (parsed.rendered as Record<string, string>) : {};
  const blocks = 'blocks' in parsed && typeof parsed.blocks === 'object' && parsed.blocks !== null ? (parsed.blocks as Record<string, Record<string, string>>) : {};
  const handlers = 'handlers' in parsed && typeof parsed.handlers === 'object' && parsed.handlers !== null ? (parsed.handlers as Record<string, unknown>) : {};
  const handlerLists = Object.fromEntries(
    Object.entries(handlers).flatMap(([file, events]) => (Array.isArray(events) ? [[file, events.filter((event): event is string => typeof event === 'string')]] : [])),
  );
  return {
    version: 1,
    files: { ...(files as Record<string, string>) },
    rendered: { ...rendered },
    blocks: { ...blocks },
    blocksRecorded: 'blocks' in parsed,
    handlers: handlerLists,
  };
}

/**
 * Sorted keys, two-space indentation, a final newline: the same files always give the same bytes. `blocks` is written
 * (empty, if need be) unless the manifest is still one that predates block records and nothing recorded any.
 */
export function serializeManifest(manifest: Omit<Manifest, 'version'>): string {
  const { files, rendered, blocks, handlers, blocksRecorded } = manifest;
  const sorted = <T>(map: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const withBlocks =
    blocksRecorded || Object.keys(blocks).length > 0 ? { blocks: Object.fromEntries(Object.entries(sorted(blocks)).map(([file, map]) => [file, sorted(map)])) } : {};
  const withHandlers =
    Object.keys(handlers).length > 0 ? { handlers: Object.fromEntries(Object.entries(sorted(handlers)).map(([file, events]) => [file, [...events].sort()])) } : {};
  const withRendered = Object.keys(rendered).length > 0 ? { rendered: sorted(rendered) } : {};
  return `${JSON.stringify({ version: 1, files: sorted(files), ...withRendered, ...withBlocks, ...withHandlers }, null, 2)}\n`;
}
