import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { InternalError } from '../diagnostics.js';
import type { WorkspaceFs } from './workspace-fs.js';

/** One file to write: its absolute path, its new text, and its text before (undefined when it is new). */
export interface PendingWrite {
  file: string;
  text: string;
  before: string | undefined;
}

function tempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.infragen-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

interface Progress {
  createdDirs: string[];
  temps: string[];
  replaced: PendingWrite[];
}

/** Puts every replaced file back as it was and removes everything this step created; returns what failed. */
async function rollback(fs: WorkspaceFs, progress: Progress): Promise<string[]> {
  const failed: string[] = [];
  const attempt = async (file: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch {
      failed.push(file);
    }
  };
  for (const write of [...progress.replaced].reverse()) {
    const before = write.before;
    await attempt(write.file, () => (before === undefined ? fs.remove(write.file) : fs.writeText(write.file, before)));
  }
  for (const temp of progress.temps) await attempt(temp, () => fs.remove(temp));
  for (const dir of [...progress.createdDirs].reverse()) await attempt(dir, () => fs.remove(dir));
  return failed;
}

/**
 * Writes every file or none: each text goes to a temporary file beside its target, then all are renamed
 * into place. When any step fails, replaced files get their old text back, new files, temporary files and
 * new folders are removed, and the error is rethrown.
 */
export async function writeAllOrNothing(fs: WorkspaceFs, writes: readonly PendingWrite[]): Promise<void> {
  const progress: Progress = { createdDirs: [], temps: [], replaced: [] };
  try {
    const staged: { write: PendingWrite; temp: string }[] = [];
    for (const write of writes) {
      const created = await fs.makeDirectory(path.dirname(write.file));
      if (created !== undefined) progress.createdDirs.push(created);
      const temp = tempPath(write.file);
      progress.temps.push(temp);
      await fs.writeText(temp, write.text);
      staged.push({ write, temp });
    }
    for (const { write, temp } of staged) {
      await fs.rename(temp, write.file);
      progress.replaced.push(write);
    }
  } catch (error) {
    const failed = await rollback(fs, progress);
    if (failed.length > 0) {
      throw new InternalError(`writing failed and these could not be restored or removed: ${failed.join(', ')}`, { cause: error });
    }
    throw error;
  }
}
