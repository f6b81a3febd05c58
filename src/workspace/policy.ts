import { sha256 } from './manifest.js';
import type { ConflictPolicy } from './planned-file.js';

export type ChangeAction = 'create' | 'update' | 'unchanged' | 'keep' | 'conflict';

export interface Decision {
  action: ChangeAction;
  reason?: string;
}

export interface PolicyInput {
  policy: ConflictPolicy;
  /** The file's text on disk, undefined when it does not exist. */
  before: string | undefined;
  /** What infragen would write. */
  after: string;
  /** The sha256 the manifest recorded for the file, if any. */
  recorded: string | undefined;
  force: boolean;
}

export const reasons = {
  edited: 'edited since infragen wrote it; pass --force to overwrite',
  forced: 'edited since infragen wrote it; overwritten because of --force',
  scaffold: 'yours to edit; --force rewrites it',
  immutable: 'never rewritten',
} as const;

/** What to do with one file, from its conflict policy, the disk, the manifest and `--force`. */
export function decide({ policy, before, after, recorded, force }: PolicyInput): Decision {
  if (before === undefined) return { action: 'create' };
  switch (policy) {
    case 'owned':
      if (before === after) return { action: 'unchanged' };
      if (recorded === sha256(before)) return { action: 'update' };
      return force ? { action: 'update', reason: reasons.forced } : { action: 'conflict', reason: reasons.edited };
    case 'merged':
      return { action: before === after ? 'unchanged' : 'update' };
    case 'scaffold':
      if (!force) return { action: 'keep', reason: reasons.scaffold };
      return { action: before === after ? 'unchanged' : 'update' };
    case 'immutable':
      return before === after ? { action: 'unchanged' } : { action: 'keep', reason: reasons.immutable };
  }
}
