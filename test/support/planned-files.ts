import type { PlannedFile, TemplatePlannedFile } from '../../src/workspace/planned-file.js';

/** The template data of a planned file (undefined for a runtime or content file, or no file). */
export function templateData(file: PlannedFile | undefined): unknown {
  return file && 'template' in file ? (file as TemplatePlannedFile).data : undefined;
}
