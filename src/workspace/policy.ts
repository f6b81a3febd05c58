import { sha256 } from './manifest.js';
import type { ConflictPolicy } from './planned-file.js';
import { describeConflicts, mergeEdits } from './three-way-merge.js';

export type ChangeAction = 'create' | 'update' | 'unchanged' | 'keep' | 'conflict' | 'delete';

/** What to do with a generated file the user edited: stop (default), merge with conflict markers, keep theirs, take ours. */
export type MergeMode = 'stop' | 'markers' | 'theirs' | 'ours';

export interface Decision {
  action: ChangeAction;
  reason?: string;
  /** The text to write when it is not the generated output itself (a merge of the user's edits into it). */
  text?: string;
}

export interface PolicyInput {
  policy: ConflictPolicy;
  /** The file's text on disk, undefined when it does not exist. */
  before: string | undefined;
  /** What infragen generated this time. */
  after: string;
  /** The sha256 the manifest recorded for the file, if any. */
  recorded: string | undefined;
  /** What infragen generated last time (kept under `.infragen/generated/`), when it still has it. */
  base?: string | undefined;
  force: boolean;
  merge?: MergeMode;
}

export const reasons = {
  edited: 'edited since infragen wrote it, and infragen has no copy of what it wrote to merge with; pass --force to overwrite',
  forced: 'edited since infragen wrote it; overwritten because of --force',
  taken: 'edited since infragen wrote it; overwritten because of --merge=ours',
  theirs: 'edited since infragen wrote it; your file kept because of --merge=theirs',
  merged: 'your edits merged into the new output',
  kept: 'your edits kept; the generated part did not change',
  scaffold: 'yours to edit; --force rewrites it',
  immutable: 'never rewritten',
  orphan: 'no longer generated: what it came from is gone from the domain',
  editedOrphan: 'no longer generated, but you edited it: kept; delete it yourself when you no longer need it',
  gone: 'no longer generated, and already deleted',
} as const;

/** What to do with one file, from its conflict policy, the disk, the manifest and `--force`/`--merge`. */
export function decide(input: PolicyInput): Decision {
  const { policy, before, after, recorded, force } = input;
  if (before === undefined) return { action: 'create' };
  switch (policy) {
    case 'owned':
      if (before === after) return { action: 'unchanged' };
      if (recorded === sha256(before)) return { action: 'update' };
      return decideEdited(input, before);
    case 'merged':
      return { action: before === after ? 'unchanged' : 'update' };
    case 'scaffold':
      if (!force) return { action: 'keep', reason: reasons.scaffold };
      return { action: before === after ? 'unchanged' : 'update' };
    case 'immutable':
      return before === after ? { action: 'unchanged' } : { action: 'keep', reason: reasons.immutable };
  }
}

/** A generated file the user edited: their edits are merged into the new output, or the flags decide. */
function decideEdited({ after, base, force, merge = 'stop' }: PolicyInput, before: string): Decision {
  if (force) return { action: 'update', reason: reasons.forced };
  if (merge === 'ours') return { action: 'update', reason: reasons.taken };
  if (merge === 'theirs') return { action: 'keep', reason: reasons.theirs };
  if (base === undefined) return { action: 'conflict', reason: reasons.edited };
  const outcome = mergeEdits(base, before, after);
  if (outcome.clean) return outcome.text === before ? { action: 'unchanged', reason: reasons.kept } : { action: 'update', reason: reasons.merged, text: outcome.text };
  const where = describeConflicts(outcome.conflicts);
  if (merge === 'markers') return { action: 'update', reason: `your edits clash with the new output at ${where}: conflict markers written, resolve them`, text: outcome.withMarkers };
  return { action: 'conflict', reason: `your edits clash with the new output at ${where}; resolve by hand, or pass --merge=markers, --merge=theirs or --merge=ours` };
}
