import { readFileSync } from 'node:fs';
import { absolutePath, projectPath } from './paths.js';

/**
 * The project as generators see it: the files as they will be after the earlier generators of the same run,
 * over the disk. Paths are project-relative with `/` separators. Only the workspace implements it.
 */
export interface ProjectTree {
  /** The file's text, or undefined when it does not (and will not) exist. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /**
   * The blocks of a merged file infragen recorded as its own when it last wrote it (see `PlannedFile.blocks`);
   * undefined when an infragen that recorded no blocks wrote it, so which are its own is not known.
   */
  recordedBlocks?(path: string): Readonly<Record<string, string>> | undefined;
  /** The events whose handlers infragen recorded writing into a projector (undefined: none recorded, see `PlannedFile.handlers`). */
  recordedHandlers?(path: string): readonly string[] | undefined;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR');
}

/** The files on disk, read synchronously: what a tree falls back to for paths no generator wrote. */
export class DiskTree implements ProjectTree {
  constructor(private readonly root: string) {}

  read(path: string): string | undefined {
    try {
      return readFileSync(absolutePath(this.root, projectPath(this.root, path)), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }
}

/** A tree over a fixed set of files (tests, and previews that must not read the disk). */
export class MemoryTree implements ProjectTree {
  readonly #files: Map<string, string>;

  constructor(files: Record<string, string> = {}) {
    this.#files = new Map(Object.entries(files));
  }

  read(path: string): string | undefined {
    return this.#files.get(path);
  }

  exists(path: string): boolean {
    return this.#files.has(path);
  }
}
