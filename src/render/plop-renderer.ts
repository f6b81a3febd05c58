import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import nodePlop, { type CustomActionConfig, type NodePlopAPI } from 'node-plop';
import { InternalError } from '../diagnostics.js';
import { packageRoot } from '../project/package-info.js';
import type { PlannedFile, RenderedFile, TemplatePlannedFile } from '../workspace/planned-file.js';
import { locateTemplate, readPartials, type TemplateRoots, type TemplateSource } from './template-sources.js';

export interface Renderer {
  render(files: readonly PlannedFile[]): Promise<RenderedFile[]>;
}

export interface RendererOptions {
  projectRoot: string;
  /** The project's template override folder, relative to `projectRoot` (e.g. `.infragen/templates`). */
  overrideDir?: string;
  /** Replaces the bundled templates folder (tests). */
  templatesRoot?: string;
}

/** node-plop hands its Handlebars module to plopfiles as `plop.handlebars`; its typings leave it out. */
type PlopWithHandlebars = NodePlopAPI & { handlebars: typeof Handlebars };

/** The action type that renders one planned file into memory instead of writing it (plop's `add` writes at once). */
const stageAction = 'stage';

/** What one `render` call collects; each action carries it, so concurrent calls never share results. */
interface StageSink {
  rendered: Map<number, string>;
  errors: unknown[];
}

interface StageActionConfig extends CustomActionConfig<typeof stageAction> {
  index: number;
  file: TemplatePlannedFile;
  sink: StageSink;
}

function describeSource(source: TemplateSource): string {
  return source.override ? `the user's override file ${source.file}` : `the bundled file ${source.file}`;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Renders planned files through node-plop: partials (every `_partials/*.hbs`, the override folder's winning)
 * are registered on the plop instance, a `stage` action renders one file with its own data and keeps the
 * result in memory, and one generator per `render` call runs those actions. Output is never HTML-escaped.
 */
export async function createRenderer(options: RendererOptions): Promise<Renderer> {
  const roots: TemplateRoots = {
    bundledRoot: options.templatesRoot ? path.resolve(options.templatesRoot) : fileURLToPath(new URL('templates/', packageRoot)),
    ...(options.overrideDir && { overrideRoot: path.resolve(options.projectRoot, options.overrideDir) }),
  };
  const plop = (await nodePlop()) as PlopWithHandlebars;
  for (const [name, text] of readPartials(roots.bundledRoot)) plop.setPartial(name, text);
  if (roots.overrideRoot) for (const [name, text] of readPartials(roots.overrideRoot)) plop.setPartial(name, text);

  // An isolated environment made from plop's Handlebars, so nothing leaks into the global one, compiled
  // with `noEscape`: templates produce TypeScript, not HTML.
  const handlebars = plop.handlebars.create();
  for (const name of plop.getPartialList()) handlebars.registerPartial(name, plop.getPartial(name));
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

  plop.setActionType(stageAction, (_answers, config) => {
    const { index, file, sink } = config as StageActionConfig;
    try {
      sink.rendered.set(index, renderTemplate(file));
    } catch (error) {
      sink.errors.push(error);
      throw error;
    }
    return file.path;
  });

  let runs = 0;
  return {
    async render(files) {
      const sink: StageSink = { rendered: new Map(), errors: [] };
      const { rendered, errors } = sink;
      const actions: StageActionConfig[] = files.flatMap((file, index) =>
        'template' in file ? [{ type: stageAction, index, file, sink, abortOnFail: false }] : [],
      );
      runs += 1;
      const generator = plop.setGenerator(`render-${runs}`, { description: 'stage rendered files in memory', actions });
      const { failures } = await generator.runActions({});
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new InternalError(errors.map(describeFailure).join('\n'), { cause: errors[0] });
      if (failures.length > 0) throw new InternalError(`rendering failed: ${failures.map((failure) => failure.error).join('; ')}`);

      return files.map((file, index) => {
        if (!('template' in file)) return file;
        const { template: _template, data: _data, ...rest } = file;
        const content = rendered.get(index);
        if (content === undefined) throw new InternalError(`template ${file.template} produced no output for ${file.path}`);
        return { ...rest, content };
      });
    },
  };
}
