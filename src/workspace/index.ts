export { DiskProjectFiles } from './disk-project-files.js';
export type { ConflictPolicy, ContentPlannedFile, PlannedFile, ProjectFiles, RenderedFile, TemplatePlannedFile } from './planned-file.js';
export { StagedChangeSet, type ChangeAction, type FileChange, type StagedChangeSetOptions } from './staged-change-set.js';
export { nodeWorkspaceFs, type WorkspaceFs } from './workspace-fs.js';
