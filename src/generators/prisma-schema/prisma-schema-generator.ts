import path from 'node:path';
import { errorDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { SourceLocation } from '../../model/domain.js';
import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';
import { formatSchema, lintSchema } from '../../prisma/schema-wasm.js';
import type { ProjectContext } from '../../project/context.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, info, nextStep, refused, type GeneratorResult } from '../generator-result.js';
import { mergeSchema } from './merge-schema.js';
import { adoptedBlocks, blockKeys, dropStaleBlocks, ownedBlockRecord, recordedBlocks } from './owned-blocks.js';
import { printDatasource, printEnum, printGenerator, printModel, type SchemaBlock } from './print-blocks.js';

export interface PrismaSchemaRequest {
  persistence: PersistenceModel;
  context: ProjectContext;
  tree: ProjectTree;
  /** The entities whose models are (re)written; the models they relate to are added when missing. */
  entities: readonly string[];
  /**
   * The names of every entity and enum the domain declares: a block infragen wrote for a name not among them (a
   * renamed or deleted entity) is removed. Without it, no block is removed.
   */
  declared?: ReadonlySet<string>;
}

/** Plans `schema.prisma`: the entities' models and enums merged into what is there, validated by Prisma itself. */
export class PrismaSchemaGenerator {
  readonly name = 'prisma-schema';

  plan({ persistence, context, tree, entities, declared }: PrismaSchemaRequest): GeneratorResult {
    const file = context.options.paths.schema;
    const selected = persistence.models.filter((model) => entities.includes(model.name));
    const related = relatedModels(selected, persistence);
    const onDisk = tree.read(file);
    const otherProvider = onDisk === undefined ? undefined : foreignDatasource(onDisk, file, context.prismaProvider);
    if (otherProvider) return refused([otherProvider]);
    const header = [
      printGenerator({
        output: clientOutput(context),
        esm: context.moduleFormat === 'esm' && context.importSuffix !== '',
        importExtension: context.importSuffix === '.ts' ? 'ts' : 'js',
      }),
      printDatasource(context.prismaProvider),
    ];
    const known = recordedBlocks(tree, file);
    const adopted = known === undefined && onDisk !== undefined && declared ? adoptedBlocks(onDisk, file, everyBlockGenerated(onDisk, file, persistence, header), declared) : undefined;
    const recorded = known ?? adopted?.record ?? {};
    const stale = declared ? dropStaleBlocks(onDisk, file, recorded, declared) : { schema: onDisk, removed: [], kept: {}, warnings: [] };
    const existing = stale.schema;
    const owned = [...selected.map(printModel), ...enumsOf(selected, persistence).map(printEnum)];
    const missing = [...related.map(printModel), ...enumsOf(related, persistence).map(printEnum)];
    const present = blockKeys(existing);
    const written = new Set([...owned, ...missing.filter((block) => !present.has(`${block.type} ${block.name}`))].map((block) => `${block.type} ${block.name}`));
    const merged = mergeSchema(existing, file, {
      owned,
      missing,
      header,
    });
    if (typeof merged !== 'string') return refused([merged]);
    const content = formatSchema(merged);
    const problems = schemaProblems(content, file, [...selected, ...related], persistence);
    if (problems.length > 0) return refused(problems);
    const notes = content === onDisk ? [] : [nextStep('run `npx prisma generate` so that Prisma Client matches the schema')];
    if (stale.removed.length > 0) notes.unshift(info(`${file}: removes ${stale.removed.join(', ')}, which no longer come${stale.removed.length === 1 ? 's' : ''} from the domain`));
    const blocks = ownedBlockRecord(content, written, { ...recorded, ...stale.kept });
    return generated([{ path: file, policy: 'merged', generator: this.name, format: false, content, blocks }], {
      notes,
      diagnostics: [...(adopted?.warnings ?? []), ...stale.warnings],
    });
  }
}

/** `schema` with the block of every stored model and enum as infragen generates it; undefined when it cannot be merged. */
function everyBlockGenerated(schema: string, file: string, persistence: PersistenceModel, header: readonly SchemaBlock[]): string | undefined {
  const merged = mergeSchema(schema, file, { owned: [...persistence.models.map(printModel), ...persistence.enums.map(printEnum)], missing: [], header: [...header] });
  return typeof merged === 'string' ? formatSchema(merged) : undefined;
}

/**
 * An existing datasource on another database than the one generated code is written for: the schema is never
 * switched to PostgreSQL behind the user's back (their data lives in that database), so the run is refused.
 */
function foreignDatasource(schema: string, file: string, supported: string): Diagnostic | undefined {
  const lines = schema.split('\n');
  let inDatasource = false;
  for (const [index, line] of lines.entries()) {
    if (/^\s*datasource\s+\w+\s*\{/.test(line)) inDatasource = true;
    else if (inDatasource && /^\s*\}/.test(line)) inDatasource = false;
    const provider = inDatasource ? /^(\s*)provider\s*=\s*"([^"]*)"/.exec(line) : null;
    if (!provider || provider[2] === supported || (provider[2] === 'postgres' && supported === 'postgresql')) continue;
    return errorDiagnostic(
      'IG305',
      `${file} keeps its data in ${provider[2]}: infragen generates schemas, repositories and migrations for ${supported} only, and never switches an existing datasource`,
      { file, line: index + 1, column: (provider[1]?.length ?? 0) + 1 },
      `keep this project's persistence by hand, or point infragen at a ${supported} schema with "paths.schema" in infragen.config.*`,
    );
  }
  return undefined;
}

/** The client's output folder, relative to the schema's folder as Prisma resolves it. */
export function clientOutput(context: ProjectContext): string {
  const { schema, prismaClientOutput } = context.options.paths;
  return path.posix.relative(path.posix.dirname(schema), prismaClientOutput);
}

/** Every model the selected ones reach through relations, directly or not: a schema must hold both ends. */
function relatedModels(selected: readonly StoredModel[], persistence: PersistenceModel): StoredModel[] {
  const reached = new Set(selected.map((model) => model.name));
  const queue = [...selected];
  for (let model = queue.shift(); model; model = queue.shift()) {
    for (const field of model.fields) {
      if (field.kind !== 'relation' || reached.has(field.model)) continue;
      reached.add(field.model);
      const target = persistence.models.find((candidate) => candidate.name === field.model);
      if (target) queue.push(target);
    }
  }
  return persistence.models.filter((model) => reached.has(model.name) && !selected.includes(model));
}

function enumsOf(models: readonly StoredModel[], persistence: PersistenceModel) {
  const used = new Set(models.flatMap((model) => model.fields.flatMap((field) => (field.kind === 'column' && typeof field.type === 'object' ? [field.type.enum] : []))));
  return persistence.enums.filter((stored) => used.has(stored.name));
}

interface GeneratedBlock {
  first: number;
  last: number;
  source: SourceLocation;
  name: string;
  model?: StoredModel;
}

/** Where each generated block starts and ends in the merged text, and the domain declaration it comes from. */
function generatedBlocks(schema: string, models: readonly StoredModel[], persistence: PersistenceModel): GeneratedBlock[] {
  const lines = schema.split('\n');
  const origins = [
    ...models.map((model) => ({ keyword: 'model', name: model.name, source: model.source as SourceLocation, model })),
    ...persistence.enums.map((stored) => ({ keyword: 'enum', name: stored.name, source: stored.location, model: undefined })),
  ];
  return origins.flatMap(({ keyword, name, source, model }) => {
    const first = lines.findIndex((line) => line.startsWith(`${keyword} ${name} {`)) + 1;
    if (first === 0) return [];
    const last = first + lines.slice(first - 1).findIndex((line) => line.startsWith('}'));
    return [{ first, last, source, name, ...(model && { model }) }];
  });
}

/**
 * The domain field a line of a generated model block stores (`  total Decimal @db.Money` → `Order.total`), with where
 * it is declared; undefined for the block's own lines (`@@map`, `@@index`) and keys the domain does not hold.
 */
function domainFieldAt(line: string | undefined, model: StoredModel): { name: string; location: SourceLocation } | undefined {
  const prismaName = /^\s+(\w+)\s/.exec(line ?? '')?.[1];
  const field = model.fields.find((candidate) => candidate.name === prismaName);
  if (!field) return undefined;
  const domainName = field.kind === 'column' ? ('path' in field.origin ? field.origin.path.field : undefined) : field.domain.kind === 'none' ? undefined : field.domain.field;
  const location = domainName === undefined ? undefined : model.fieldLocations?.[domainName];
  return domainName !== undefined && location ? { name: domainName, location } : undefined;
}

/**
 * Prisma's own validation of the merged schema. A problem inside a block infragen generated points at the
 * domain declaration it came from — the field whose line Prisma rejects, else the class or enum — since the schema
 * was never written; one in the user's own blocks, at the file.
 */
function schemaProblems(schema: string, file: string, models: readonly StoredModel[], persistence: PersistenceModel): Diagnostic[] {
  const problems = lintSchema(schema).filter((problem) => !problem.warning);
  if (problems.length === 0) return [];
  const blocks = generatedBlocks(schema, models, persistence);
  const lines = schema.split('\n');
  return problems.map((problem) => {
    const block = blocks.find((candidate) => problem.line >= candidate.first && problem.line <= candidate.last);
    if (!block) {
      return errorDiagnostic(
        'IG302',
        `Prisma rejects ${file} (line ${problem.line} of the merged schema): ${problem.message}`,
        { file, line: problem.line, column: problem.column },
        'a hand-written block clashes with a generated one; run with --dry-run to see the merged schema',
      );
    }
    const line = lines[problem.line - 1];
    const field = block.model && domainFieldAt(line, block.model);
    const what = field ? `${block.name}.${field.name} (\`${line?.trim()}\`)` : block.name;
    return errorDiagnostic(
      'IG302',
      `Prisma rejects ${what}, as generated into ${file}: ${problem.message}`,
      field ? field.location : block.source,
      field ? "a tag of this field (@db, @default, @map…) or its type gives Prisma what it rejects; run with --dry-run to see the generated block" : 'run with --dry-run to see the generated block; a field or tag of this declaration gives Prisma what it rejects',
    );
  });
}
