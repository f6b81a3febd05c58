// Renders planned files for the messaging tests through the real renderer (node-plop, bundled templates).
import { createRenderer } from '../../../src/render/index.js';
import type { PlannedFile, RenderedFile } from '../../../src/workspace/planned-file.js';

export async function renderPlannedFiles(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
  const renderer = await createRenderer({ projectRoot: process.cwd() });
  return renderer.render(files);
}
