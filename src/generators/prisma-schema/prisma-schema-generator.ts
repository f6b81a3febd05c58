import path from 'node:path';
import { errorDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { PersistenceModel, StoredModel } from '../../model/persistence/index.js';
import { formatSchema, lintSchema } from '../../prisma/schema-wasm.js';
import type { ProjectContext } from '../../project/context.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, nextStep, refused, type GeneratorResult } from '../generator-result.js';
import { mergeSchema } from './merge-schema.js';
import { printDatasource, printEnum, printGenerator, printModel } from './print-blocks.js';

export interface PrismaSchemaRequest {
  persistence: PersistenceModel;
  context: ProjectContext;
  tree: ProjectTree;
  /** The entities whose models are (re)written; the models they relate to are added when missing. */
  entities: readonly string[];
}

/** Plans `schema.prisma`: the entities' models and enums merged into what is there, validated by Prisma itself. */
export class PrismaSchemaGenerator {
  readonly name = 'prisma-schema';

  plan({ persistence, context, tree, entities }: PrismaSchemaRequest): GeneratorResult {
    const file = context.options.paths.schema;
    const selected = persistence.models.filter((model) => entities.includes(model.name));
    const related = relatedModels(selected, persistence);
    const existing = tree.read(file);
    const merged = mergeSchema(existing, file, {
      owned: [...selected.map(printModel), ...enumsOf(selected, persistence).map(printEnum)],
      missing: [...related.map(printModel), ...enumsOf(related, persistence).map(printEnum)],
      header: [printGenerator({ output: clientOutput(context), esm: context.moduleFormat === 'esm' && context.importSuffix === '.js' }), printDatasource(context.prismaProvider)],
    });
    if (typeof merged !== 'string') return refused([merged]);
    const content = formatSchema(merged);
    const problems = schemaProblems(content, file);
    if (problems.length > 0) return refused(problems);
    const notes = content === existing ? [] : [nextStep('run `npx prisma generate` so that Prisma Client matches the schema')];
    return generated([{ path: file, policy: 'merged', generator: this.name, format: false, content }], { notes });
  }
}

/** The client's output folder, relative to the schema's folder as Prisma resolves it. */
function clientOutput(context: ProjectContext): string {
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

function schemaProblems(schema: string, file: string): Diagnostic[] {
  return lintSchema(schema)
    .filter((problem) => !problem.warning)
    .map((problem) =>
      errorDiagnostic(
        'IG302',
        `the merged ${file} would not be valid: ${problem.message} (line ${problem.line} of the merged schema)`,
        { file, line: problem.line, column: problem.column },
        'run with --dry-run to see the merged schema; a hand-written block may clash with a generated one',
      ),
    );
}
