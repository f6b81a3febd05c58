// Renders planned files for the messaging tests through the real renderer (bundled templates).
import { createRenderer, renderAll } from '../../../src/render/index.js';
import type { PlannedFile, RenderedFile } from '../../../src/workspace/planned-file.js';

export async function renderPlannedFiles(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
  return renderAll(createRenderer({ projectRoot: process.cwd() }), files);
}
