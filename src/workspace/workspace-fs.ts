import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';

/** The file operations the workspace uses; injectable so tests can make one of them fail. */
export interface WorkspaceFs {
  /** The file's text, or undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
  writeText(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file or a folder with its contents; nothing happens when it does not exist. */
  remove(file: string): Promise<void>;
  /** Creates a folder and its missing parents; returns the first folder it created, if any. */
  makeDirectory(dir: string): Promise<string | undefined>;
  /** The names in a folder; none when it does not exist. */
  list(dir: string): Promise<string[]>;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

export const nodeWorkspaceFs: WorkspaceFs = {
  async readText(file) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  writeText: (file, text) => writeFile(file, text, 'utf8'),
  rename: (from, to) => rename(from, to),
  remove: (file) => rm(file, { recursive: true, force: true }),
  makeDirectory: (dir) => mkdir(dir, { recursive: true }),
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
};
