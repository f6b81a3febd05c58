import type { Diagnostic } from '../diagnostics.js';
import type { ReadModel } from '../model/read-model.js';
import { InspectContext } from './context.js';
import { DeclarationIndex, sourceRef } from './declarations.js';
import { buildFields } from './fields.js';
import { objectShape } from './members.js';
import { loadFromDisk, loadSources, type LoadedSources } from './project.js';
import { Node } from './ts-morph.js';

export interface ReadModelInspection {
  /** Absent when no file of `files` declares an interface or object type named `name`. */
  readModel?: ReadModel;
  diagnostics: Diagnostic[];
}

/**
 * Reads the read-model interface (or object type alias) `name` from the project-relative `files`, with the same
 * field reading as the domain's entities: types, optionality, JSDoc tags (`@id`, `@unique`, `@index`, `@map`, `@db`).
 */
export function inspectReadModel(input: { root: string; files: readonly string[]; name: string }): ReadModelInspection {
  return readModelOf(loadFromDisk(input.root, input.files), input.name);
}

function readModelOf(sources: LoadedSources, name: string): ReadModelInspection {
  const input = { name };
  const context = new InspectContext(new DeclarationIndex(sources.files, sources.imported), sources.primary);
  const declaration = context.index
    .all()
    .find(
      (candidate) =>
        sources.primary.has(candidate.getSourceFile()) &&
        (Node.isInterfaceDeclaration(candidate) || Node.isTypeAliasDeclaration(candidate)) &&
        candidate.getName() === input.name,
    );
  if (!declaration || !(Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration))) return { diagnostics: [] };
  const members = objectShape(declaration, context.index) ?? [];
  const fields = buildFields(members, input.name, context);
  return { readModel: { name: input.name, source: sourceRef(declaration), fields }, diagnostics: context.diagnostics };
}

/** Reads the read model `name` from in-memory sources keyed by project-relative path; for tests. */
export function inspectReadModelSources(files: Readonly<Record<string, string>>, name: string): ReadModelInspection {
  return readModelOf(loadSources(files), name);
}
