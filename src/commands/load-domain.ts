import type { InfragenOptions } from '../config/options.js';
import { UserError, type Diagnostic } from '../diagnostics.js';
import { discoverDomainFiles } from '../inspect/discover.js';
import { inspectDomainCached } from '../inspect/model-cache.js';
import type { DomainModel, EntityModel } from '../model/domain.js';
import type { InspectionResult } from '../inspect/inspect.js';
import { planPersistence, type PersistenceModel } from '../model/persistence/index.js';
import type { RunOptions } from './run-options.js';
import type { Reporter } from './reporter.js';
import { configSource, loadOptions } from '../config/load-options.js';
import type { ProjectContext } from '../project/context.js';
import { loadProjectContext } from '../project/load-context.js';
import { toolchainDiagnostics } from '../project/toolchain.js';

export interface InspectedProject {
  files: string[];
  model: DomainModel;
  diagnostics: Diagnostic[];
  /** The names of every entity and enum the domain declares, those a run over all entities skipped included. */
  declared: ReadonlySet<string>;
  /** The entities a run over all entities skipped (their own fields cannot be stored): still in the domain. */
  skipped: string[];
}

/** Finds and inspects the domain files; an error in them stops the run before anything is planned. */
export async function inspectProject(root: string, options: InfragenOptions, reporter: Reporter, skipBlocked = false): Promise<InspectedProject> {
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
  const inspected = await inspectDomainCached({
    root,
    files,
    options,
    ...(options.domainEvents && { eventNames: { ...options.domainEvents, source: configSource(root) } }),
  });
  const { model, diagnostics } = skipBlocked ? withoutBlocked(inspected) : inspected;
  stopOnErrors(diagnostics);
  reporter.diagnostics(diagnostics);
  const declared = new Set([...inspected.model.entities, ...inspected.model.enums].map((declaration) => declaration.name));
  const kept = new Set(model.entities.map((entity) => entity.name));
  const skipped = inspected.model.entities.map((entity) => entity.name).filter((name) => !kept.has(name));
  return { files, model, diagnostics, declared, skipped };
}

const diagnosticKey = (diagnostic: Diagnostic): string => JSON.stringify([diagnostic.code, diagnostic.message, diagnostic.location]);

/**
 * A run over every entity goes on without the entities whose problems are their own (and the children only they
 * hold): their errors become warnings, and each skipped entity is named with why. Any other error still stops it.
 */
export function withoutBlocked({ model, diagnostics, blocked = [] }: InspectionResult): Pick<InspectionResult, 'model' | 'diagnostics'> {
  const covered = new Set(blocked.flatMap((entity) => entity.diagnostics.map(diagnosticKey)));
  if (blocked.length === 0 || diagnostics.some((diagnostic) => diagnostic.severity === 'error' && !covered.has(diagnosticKey(diagnostic)))) return { model, diagnostics };
  const removed = new Set(blocked.map((entity) => entity.entity));
  const heldBy = (entity: EntityModel) => entity.fields.flatMap((field) => (field.type.kind === 'entity' ? [field.type.name] : []));
  const keptHolders = new Set(model.entities.filter((entity) => !removed.has(entity.name)).flatMap(heldBy));
  const children = model.entities.filter((entity) => removed.has(entity.name)).flatMap(heldBy).filter((child) => !keptHolders.has(child) && !removed.has(child));
  for (const child of children) removed.add(child);
  const withChildren = (name: string): string => {
    const own = model.entities.filter((entity) => entity.name === name).flatMap(heldBy).filter((child) => children.includes(child));
    return own.length > 0 ? ` (and ${own.join(', ')}, which only it holds)` : '';
  };
  const summaries: Diagnostic[] = blocked.map((entity) => ({
    code: 'IG110',
    severity: 'warning',
    message: `skipped ${entity.entity}${withChildren(entity.entity)}: ${entity.reasons.join('; ')}`,
    location: entity.location,
    hint: 'fix each field named (one type per field, a value object, or tag it @json or @ignore), then run the command again',
  }));
  return {
    model: { ...model, entities: model.entities.filter((entity) => !removed.has(entity.name)), repositoryPorts: model.repositoryPorts.filter((port) => !removed.has(port.entity)) },
    diagnostics: [...diagnostics.map((diagnostic) => (covered.has(diagnosticKey(diagnostic)) ? { ...diagnostic, severity: 'warning' as const } : diagnostic)), ...summaries],
  };
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
  /** See `InspectedProject.declared`, with the stored models' and enums' names. */
  declared: ReadonlySet<string>;
  /** See `InspectedProject.skipped`. */
  skipped: string[];
}

/** Inspects the domain and plans its storage; every error found is reported at once, before anything is planned. */
export async function loadDomain(root: string, options: InfragenOptions, reporter: Reporter, skipBlocked = false): Promise<LoadedDomain> {
  const { files, model, declared, skipped } = await inspectProject(root, options, reporter, skipBlocked);
  const planned = planPersistence(model, options);
  stopOnErrors(planned.diagnostics);
  reporter.diagnostics(planned.diagnostics);
  const stored = [...planned.persistence.models, ...planned.persistence.enums].map((declaration) => declaration.name);
  return { files, model, persistence: planned.persistence, declared: new Set([...declared, ...stored]), skipped };
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

/** `--verbose`: what was seen in the domain folders and not persisted, with the reason. */
export function notPersistedLines(model: DomainModel): string[] {
  return (model.notPersisted ?? []).map(({ name, location, reason }) => `not persisted: ${name} (${location.file}:${location.line}:${location.column}): ${reason}`);
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
  // Over all entities (none named), an entity whose own fields cannot be stored is skipped, not the whole run.
  const domain = await loadDomain(context.root, context.options, reporter, entities.length === 0);
  if (options.verbose) for (const line of notPersistedLines(domain.model)) reporter.info(line);
  return { context, domain, selected: selectEntities(domain.model, entities) };
}
