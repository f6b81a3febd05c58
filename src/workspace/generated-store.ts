import type { PendingWrite } from './atomic-write.js';
import { sha256 } from './manifest.js';
import { absolutePath } from './paths.js';
import type { ChangeAction } from './policy.js';
import type { ConflictPolicy } from './planned-file.js';
import type { WorkspaceFs } from './workspace-fs.js';

/** Where infragen keeps what it last generated for each owned file, by content hash: the base of a three-way merge. */
export const generatedDir = '.infragen/generated';

const copyPath = (root: string, hash: string) => absolutePath(root, `${generatedDir}/${hash}`);

/** What infragen generated when the manifest recorded `hash`, or undefined when no copy was kept. */
export function readGenerated(fs: WorkspaceFs, root: string, hash: string): Promise<string | undefined> {
  return /^[0-9a-f]{64}$/.test(hash) ? fs.readText(copyPath(root, hash)) : Promise.resolve(undefined);
}

interface RecordedChange {
  path: string;
  action: ChangeAction;
  policy: ConflictPolicy;
  generated: string;
}

/** The copies this commit adds: one per owned file it records, unless a copy of the same text is kept already. */
export async function generatedCopies(fs: WorkspaceFs, root: string, changes: readonly RecordedChange[]): Promise<PendingWrite[]> {
  const recorded = changes.filter((change) => change.policy === 'owned' && ['create', 'update', 'unchanged'].includes(change.action));
  const byHash = new Map(recorded.map((change) => [sha256(change.generated), change.generated]));
  const copies: PendingWrite[] = [];
  for (const [hash, text] of byHash) {
    if ((await fs.readText(copyPath(root, hash))) === undefined) copies.push({ file: copyPath(root, hash), text, before: undefined });
  }
  return copies;
}

/** Removes the copies no file of the manifest refers to any more (after a commit, under the project lock). */
export async function pruneGenerated(fs: WorkspaceFs, root: string, referenced: Iterable<string>): Promise<void> {
  const keep = new Set(referenced);
  for (const name of await fs.list(absolutePath(root, generatedDir))) {
    if (!keep.has(name)) await fs.remove(copyPath(root, name));
  }
}
