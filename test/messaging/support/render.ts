// Renders planned files for the messaging tests. Stand-in until src/render lands: same conventions
// (isolated Handlebars, noEscape, partials named by their path under templates/ without `.hbs`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { PlannedFile, RenderedFile } from '../../../src/workspace/planned-file.js';

const templatesRoot = path.resolve(import.meta.dirname, '../../../templates');

function partialFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return partialFiles(full);
    return path.basename(dir) === '_partials' && entry.name.endsWith('.hbs') ? [full] : [];
  });
}

export function renderPlannedFiles(files: readonly PlannedFile[]): RenderedFile[] {
  const handlebars = Handlebars.create();
  for (const file of partialFiles(templatesRoot)) {
    handlebars.registerPartial(path.relative(templatesRoot, file).replace(/\.hbs$/, '').split(path.sep).join('/'), readFileSync(file, 'utf8'));
  }
  return files.map((file) => {
    if ('content' in file) return file;
    const template = handlebars.compile(readFileSync(path.join(templatesRoot, file.template), 'utf8'), { noEscape: true });
    const { template: _template, data, ...rest } = file;
    return { ...rest, content: template(data) };
  });
}
