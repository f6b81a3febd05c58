import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { InternalError } from '../diagnostics.js';
import { packageRoot } from '../project/package-info.js';
import type { PlannedFile, RenderedFile, RuntimePlannedFile, TemplatePlannedFile } from '../workspace/planned-file.js';
import { emitRuntimeSource, readRuntimeSource } from './runtime-sources.js';
import { locateTemplate, readPartials, type TemplateRoots, type TemplateSource } from './template-sources.js';

export interface Renderer {
  /** Renders a template file into a content file; a content file passes through unchanged. */
  render(file: PlannedFile): RenderedFile;
}

export interface RendererOptions {
  projectRoot: string;
  /** The project's template override folder, relative to `projectRoot` (e.g. `.infragen/templates`). */
  overrideDir?: string;
  /** Replaces the bundled templates folder (tests). */
  templatesRoot?: string;
}

function describeSource(source: TemplateSource): string {
  return source.override ? `the user's override file ${source.file}` : `the bundled file ${source.file}`;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function templateRoots(options: RendererOptions): TemplateRoots {
  return {
    bundledRoot: options.templatesRoot ? path.resolve(options.templatesRoot) : fileURLToPath(new URL('templates/', packageRoot)),
    ...(options.overrideDir && { overrideRoot: path.resolve(options.projectRoot, options.overrideDir) }),
  };
}

let handlebarsModule: typeof Handlebars | undefined;

/**
 * Handlebars, loaded when the first template is rendered: a run that renders none skips it. Its one-file
 * build, the same library: the package's main entry loads some 45 modules (source maps included) and
 * takes several times longer to load, which every command would pay for.
 */
export const handlebarsBuild = 'handlebars/dist/handlebars.min.js';

function loadHandlebars(): typeof Handlebars {
  handlebarsModule ??= createRequire(import.meta.url)(handlebarsBuild) as typeof Handlebars;
  return handlebarsModule;
}

/** An environment of its own with every partial registered: the override folder's win over the bundled ones. */
function createEnvironment(roots: TemplateRoots): typeof Handlebars {
  const handlebars = loadHandlebars().create();
  const partials = new Map([...readPartials(roots.bundledRoot), ...(roots.overrideRoot ? readPartials(roots.overrideRoot) : [])]);
  for (const [name, text] of partials) handlebars.registerPartial(name, text);
  return handlebars;
}

/**
 * Renders planned files with Handlebars in an environment of its own (nothing is registered on the global
 * one). Partials are every `_partials/*.hbs` of the bundled templates, the override folder's winning, named
 * by their path. Output is never HTML-escaped: templates produce TypeScript, not HTML. Each template file is
 * compiled once per renderer. Handlebars and the partials are loaded on the first template rendered.
 */
export function createRenderer(options: RendererOptions): Renderer {
  const roots = templateRoots(options);
  let handlebars: typeof Handlebars | undefined;
  const compiled = new Map<string, Handlebars.TemplateDelegate>();

  function renderTemplate(file: TemplatePlannedFile): string {
    const source = locateTemplate(roots, file.template);
    if (!source) {
      const where = roots.overrideRoot ? `${roots.overrideRoot} nor ${roots.bundledRoot}` : roots.bundledRoot;
      throw new InternalError(`template ${file.template} (for ${file.path}) was not found in ${where}`);
    }
    try {
      let template = compiled.get(source.file);
      if (!template) {
        handlebars ??= createEnvironment(roots);
        template = handlebars.compile(readFileSync(source.file, 'utf8'), { noEscape: true });
        compiled.set(source.file, template);
      }
      return template(file.data);
    } catch (error) {
      throw new InternalError(`template ${file.template} (${describeSource(source)}) failed to render ${file.path}: ${describeFailure(error)}`, {
        cause: error,
      });
    }
  }

  function renderRuntime({ runtime, ...rest }: RuntimePlannedFile): RenderedFile {
    const emitted = emitRuntimeSource(runtime.source, readRuntimeSource(runtime.file, roots), {
      destinations: runtime.destinations,
      importSuffix: runtime.importSuffix,
      header: readRuntimeSource(runtime.header, roots),
    });
    if (emitted.path !== rest.path) throw new InternalError(`runtime source ${runtime.source} is written to ${emitted.path}, not ${rest.path}`);
    return { ...rest, content: emitted.content };
  }

  return {
    render(file) {
      if ('runtime' in file) return renderRuntime(file);
      if (!('template' in file)) return file;
      const { template: _template, data: _data, ...rest } = file;
      return { ...rest, content: renderTemplate(file) };
    },
  };
}

/** Renders every file in order; when several fail, one error names each of them. */
export function renderAll(renderer: Renderer, files: readonly PlannedFile[]): RenderedFile[] {
  const rendered: RenderedFile[] = [];
  const errors: unknown[] = [];
  for (const file of files) {
    try {
      rendered.push(renderer.render(file));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InternalError(errors.map(describeFailure).join('\n'), { cause: errors[0] });
  return rendered;
}
