import type { InfragenOptions } from '../config/options.js';
import { UserError, type Diagnostic } from '../diagnostics.js';
import { discoverDomainFiles } from '../inspect/discover.js';
import { inspectDomainCached } from '../inspect/model-cache.js';
import type { DomainModel } from '../model/domain.js';
import { planPersistence, type PersistenceModel } from '../model/persistence/index.js';
import type { RunOptions } from './run-options.js';
import type { Reporter } from './reporter.js';
import { loadOptions } from '../config/load-options.js';
import type { ProjectContext } from '../project/context.js';
import { loadProjectContext } from '../project/load-context.js';
import { toolchainDiagnostics } from '../project/toolchain.js';

export interface InspectedProject {
  files: string[];
  model: DomainModel;
  diagnostics: Diagnostic[];
}

/** Finds and inspects the domain files; an error in them stops the run before anything is planned. */
export async function inspectProject(root: string, options: InfragenOptions, reporter: Reporter): Promise<InspectedProject> {
  const files = await discoverDomainFiles(root, options.entities);
  if (files.length === 0) {
    throw new UserError(`no domain files match ${options.entities.join(', ')}`, [
      {
        code: 'IG002',
        severity: 'error',
        message: `no files match the entity globs in ${root}`,
        hint: 'put your entities under src/domain, or set "entities" in infragen.config.json',
      },
    ]);
  }
  const { model, diagnostics } = await inspectDomainCached({ root, files, options });
  stopOnErrors(diagnostics);
  reporter.diagnostics(diagnostics);
  return { files, model, diagnostics };
}

function stopOnErrors(diagnostics: readonly Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new UserError(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the domain layer; nothing was written`, diagnostics);
  }
}

export interface LoadedDomain {
  files: string[];
  model: DomainModel;
  persistence: PersistenceModel;
}

/** Inspects the domain and plans its storage; every error found is reported at once, before anything is planned. */
export async function loadDomain(root: string, options: InfragenOptions, reporter: Reporter): Promise<LoadedDomain> {
  const { files, model } = await inspectProject(root, options, reporter);
  const planned = planPersistence(model, options);
  stopOnErrors(planned.diagnostics);
  reporter.diagnostics(planned.diagnostics);
  return { files, model, persistence: planned.persistence };
}

/** Checks that the entities named on the command line exist; none named means all. */
export function selectEntities(model: DomainModel, names: readonly string[]): string[] {
  const known = model.entities.map((entity) => entity.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UserError(
      `unknown entit${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`,
      unknown.map((name) => ({
        code: 'IG003',
        severity: 'error' as const,
        message: `no entity named "${name}" in the domain files`,
        hint: known.length > 0 ? `entities found: ${known.join(', ')}` : 'no entities were found at all',
      })),
    );
  }
  return names.length > 0 ? [...names] : known;
}

export interface GenerationInput {
  context: ProjectContext;
  domain: LoadedDomain;
  /** The entities asked for on the command line, checked; all of them when none was named. */
  selected: string[];
}

/** What every per-entity generator starts from: the project's conventions, its domain, the chosen entities. */
export async function loadGenerationInput(options: RunOptions, reporter: Reporter, entities: readonly string[]): Promise<GenerationInput> {
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const toolchain = toolchainDiagnostics(context.root);
  if (toolchain.length > 0) throw new UserError("the project's toolchain is older than generated code supports; nothing was read or written", toolchain);
  const domain = await loadDomain(context.root, context.options, reporter);
  return { context, domain, selected: selectEntities(domain.model, entities) };
}
