import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { configSource } from '../../config/load-options.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { missingOutboxModels } from '../../generators/outbox/outbox-schema-check.js';
import { discoverDomainFiles, inspectDomain } from '../../inspect/index.js';
import { datasourceProviders } from '../../prisma/schema-wasm.js';
import type { ProjectContext } from '../../project/context.js';
import { manifestPath } from '../../workspace/paths.js';
import { DiskTree } from '../../workspace/project-tree.js';
import { parseManifest, sha256 } from '../../workspace/manifest.js';
import { fail, ok, skip, type CheckResult } from './check.js';

/** The project's Prisma schema text, or undefined when there is none yet. */
export function readSchema(context: ProjectContext): string | undefined {
  const file = path.resolve(context.root, context.options.paths.schema);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function checkSchemaProvider(context: ProjectContext): CheckResult {
  const schemaPath = context.options.paths.schema;
  const schema = readSchema(context);
  if (schema === undefined) return skip('schema', `no ${schemaPath} yet (\`infragen generate schema\` writes it)`);
  const { providers, errors } = datasourceProviders(schema, schemaPath);
  if (errors.length > 0) return fail('schema', `Prisma cannot read ${schemaPath}`, 'fix the schema (`npx prisma validate` shows where)', errors);
  if (providers.length === 0) return fail('schema', `${schemaPath} has no datasource block`, 'add `datasource db { provider = "postgresql" }`');
  const others = providers.filter((provider) => provider !== 'postgresql');
  if (others.length > 0) return fail('schema', `${schemaPath} uses the ${others.join(', ')} provider; infragen generates for PostgreSQL only`, 'set `provider = "postgresql"` in the datasource block');
  return ok('schema', `${schemaPath}: datasource provider postgresql`);
}

/** Why a file the globs match is not read as domain code (see `discoverDomainFiles`). */
function skipReason(file: string): string {
  if (/\.d\.ts$/.test(file)) return 'a declaration file';
  if (/\.(test|spec)\.ts$/.test(file)) return 'a test file';
  return 'not a .ts file';
}

export async function checkEntities(context: ProjectContext): Promise<CheckResult> {
  const globs = context.options.entities;
  const matched = await glob([...globs], { cwd: context.root, ignore: ['**/node_modules/**'], onlyFiles: true, expandDirectories: false });
  const files = await discoverDomainFiles(context.root, globs);
  const skipped = matched.filter((file) => !files.includes(file)).sort().map((file) => `skipped ${file}: ${skipReason(file)}`);
  const where = `"entities": ${JSON.stringify(globs)}`;
  if (files.length === 0) return fail('entities', `no domain file matches ${where}`, 'put your entities under src/domain, or set "entities" in infragen.config.json', skipped);
  const { domainEvents } = context.options;
  const eventNames = domainEvents && { ...domainEvents, source: configSource(context.root) };
  const { model, diagnostics } = inspectDomain({ root: context.root, files, ...(eventNames && { eventNames }) });
  const aggregates = model.entities.filter((entity) => entity.isAggregateRoot).length;
  const counts = `${files.length} file${files.length === 1 ? '' : 's'}, ${model.entities.length} entit${model.entities.length === 1 ? 'y' : 'ies'}, ${aggregates} aggregate${aggregates === 1 ? '' : 's'}`;
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const details = [...skipped, ...diagnostics.map(formatDiagnostic)];
  if (errors.length > 0) return fail('entities', `${where}: ${counts}; ${errors.length} problem${errors.length === 1 ? '' : 's'} in the domain`, 'fix the domain files as listed', details);
  if (model.entities.length === 0) return fail('entities', `${where}: ${counts}; no entity among them`, 'an entity is a class, interface or type with an `id` field (or one tagged @id); see "How infragen reads your domain" in the README', details);
  return ok('entities', `${where}: ${counts}`, details);
}

/** Every file the manifest lists still exists; edited ones are listed (a scaffold is yours to edit). */
export function checkManifest(context: ProjectContext): CheckResult {
  const file = path.join(context.root, manifestPath);
  if (!existsSync(file)) return skip('manifest', `no ${manifestPath}: infragen has written nothing here yet`);
  const manifest = parseManifest(readFileSync(file, 'utf8'));
  const missing: string[] = [];
  const edited: string[] = [];
  for (const [listed, hash] of Object.entries(manifest.files)) {
    const absolute = path.join(context.root, listed);
    if (!existsSync(absolute)) missing.push(listed);
    else if (sha256(readFileSync(absolute, 'utf8')) !== hash) edited.push(listed);
  }
  const count = Object.keys(manifest.files).length;
  const editedLines = edited.map((listed) => `edited since infragen wrote it: ${listed}`);
  if (missing.length > 0) {
    return fail('manifest', `${missing.length} of the ${count} files in ${manifestPath} are missing`, 'restore them from version control, or regenerate them (`infragen generate repo --all`, `infragen generate schema`)', [
      ...missing.map((listed) => `missing: ${listed}`),
      ...editedLines,
    ]);
  }
  return ok('manifest', `${manifestPath}: ${count} files present${edited.length ? `, ${edited.length} edited since written` : ''}`, editedLines);
}

/** With the outbox runtime installed, the schema still declares the outbox and inbox tables it writes and reads. */
export function checkOutbox(context: ProjectContext): CheckResult {
  const outbox = `${context.options.paths.messaging}/outbox`;
  const tree = new DiskTree(context.root);
  if (!tree.exists(`${outbox}/outbox-writer.ts`)) return skip('outbox', `no ${outbox}/ (\`infragen add outbox\` adds it)`);
  const missing = missingOutboxModels(context, tree);
  if (missing) return fail('outbox', missing.message, missing.hint ?? 'run `infragen add outbox`', [formatDiagnostic(missing)]);
  return ok('outbox', `${context.options.paths.schema} declares the outbox_events and inbox_messages tables ${outbox}/ uses`);
}
