export { DiskTree, MemoryTree, type ProjectTree } from './project-tree.js';
export type { ConflictPolicy, ContentPlannedFile, PlannedFile, RenderedFile, TemplatePlannedFile } from './planned-file.js';
export { StagedChangeSet, type ChangeAction, type FileChange, type MergeMode, type StagedChangeSetOptions } from './staged-change-set.js';
export { nodeWorkspaceFs, type WorkspaceFs } from './workspace-fs.js';
