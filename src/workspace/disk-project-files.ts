import { readFileSync } from 'node:fs';
import { absolutePath, projectPath } from './paths.js';
import type { ProjectFiles } from './planned-file.js';

/** The project's files as they are on disk, for generators that merge into existing files. */
export class DiskProjectFiles implements ProjectFiles {
  constructor(private readonly root: string) {}

  read(path: string): string | undefined {
    try {
      return readFileSync(absolutePath(this.root, projectPath(this.root, path)), 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
      throw error;
    }
  }
}
