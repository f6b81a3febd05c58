import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConflictPolicy, RenderedFile } from '../../src/workspace/index.js';

export interface TempRoot {
  root: string;
  write(files: Record<string, string>): void;
  read(file: string): string;
  /** Every file and folder under the root: files map to their text, folders to `<dir>`. */
  snapshot(): Record<string, string>;
  /** Removes the whole root, or one file under it. */
  remove(file?: string): void;
}

export function tempRoot(): TempRoot {
  const root = mkdtempSync(path.join(tmpdir(), 'infragen-workspace-'));
  const walk = (dir: string, into: Record<string, string>): Record<string, string> => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const key = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        into[key] = '<dir>';
        walk(full, into);
      } else into[key] = readFileSync(full, 'utf8');
    }
    return into;
  };
  return {
    root,
    write(files) {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
    },
    read: (file) => readFileSync(path.join(root, file), 'utf8'),
    snapshot: () => walk(root, {}),
    remove: (file) => rmSync(file === undefined ? root : path.join(root, file), { recursive: true, force: true }),
  };
}

export function file(filePath: string, content: string, policy: ConflictPolicy = 'owned', extra: Partial<RenderedFile> = {}): RenderedFile {
  return { path: filePath, content, policy, generator: 'test', ...extra };
}
