// Random domains, written in the styles infragen reads (public fields, constructor properties, private state behind
// getters with a static factory, props behind a base class, interfaces), with field types, value objects, enums,
// references between aggregates and ports with derived finders, named from awkward sets. The property: every run
// either exits 1 with a located diagnostic and writes nothing, or exits 0 with a schema Prisma accepts and a
// project that passes strict tsc. CI runs a fixed seed; `INFRAGEN_RANDOM_DOMAIN_RUNS` (the bench sets it) runs more.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  createTempProject,
  generateClientAndTypeCheck,
  offlinePrismaEnv,
  runBin,
  runCli,
  snapshotTree,
  type TempProject,
} from '../e2e/support.js';

const runs = Number(process.env.INFRAGEN_RANDOM_DOMAIN_RUNS ?? 6);
const seed = Number(process.env.INFRAGEN_RANDOM_DOMAIN_SEED ?? 1130);

type FieldType =
  'string' | 'number' | 'boolean' | 'Date' | 'nullable' | 'optional' | 'list' | 'readonlyList' | 'enum' | 'union' | 'email' | 'money' | 'contact' | 'reference';
type Style = 'public-fields' | 'constructor-properties' | 'getters' | 'props' | 'interface';

interface FieldSpec {
  name: string;
  type: FieldType;
}

interface AggregateSpec {
  name: string;
  style: Style;
  fields: FieldSpec[];
  finders: { kind: 'findBy' | 'findAllBy' | 'existsBy' | 'countBy'; field: number }[];
}

const aggregateNames = ['Order', 'Item', 'Group', 'Type', 'Select', 'Data', 'Model', 'Category', 'Person', 'Enum'];
const fieldNames = [
  'title',
  'name',
  'type',
  'data',
  'status',
  'count',
  'order',
  'where',
  'select',
  'amount',
  'createdAt',
  'isActive',
  'value',
  'kind',
  'tags',
  'note',
];
const fieldTypes: FieldType[] = [
  'string',
  'number',
  'boolean',
  'Date',
  'nullable',
  'optional',
  'list',
  'readonlyList',
  'enum',
  'union',
  'email',
  'money',
  'contact',
  'reference',
];
const styles: Style[] = ['public-fields', 'constructor-properties', 'getters', 'props', 'interface'];

const aggregate = fc.record<AggregateSpec>({
  name: fc.constant(''),
  style: fc.constantFrom(...styles),
  fields: fc.uniqueArray(fc.record({ name: fc.constantFrom(...fieldNames), type: fc.constantFrom(...fieldTypes) }), {
    minLength: 1,
    maxLength: 5,
    selector: (field) => field.name,
  }),
  finders: fc.array(fc.record({ kind: fc.constantFrom('findBy' as const, 'findAllBy' as const, 'existsBy' as const, 'countBy' as const), field: fc.nat(4) }), {
    maxLength: 3,
  }),
});

const domain = fc
  .tuple(fc.shuffledSubarray(aggregateNames, { minLength: 1, maxLength: 3 }), fc.array(aggregate, { minLength: 3, maxLength: 3 }))
  .map(([names, specs]) => names.map((name, index) => ({ ...specs[index]!, name })));

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function typeText(type: FieldType, others: readonly string[]): string {
  switch (type) {
    case 'nullable':
      return 'string | null';
    case 'optional':
      return 'number';
    case 'list':
      return 'string[]';
    case 'readonlyList':
      return 'readonly string[]';
    case 'contact':
      return 'Contact';
    case 'enum':
      return 'Level';
    case 'union':
      return "'low' | 'high'";
    case 'email':
      return 'Email';
    case 'money':
      return 'Money';
    case 'reference':
      return others.length > 0 ? 'string' : 'string';
    default:
      return type;
  }
}

/** The field's name in the class: the first reference to another aggregate is `<other>Id`, a later one `<field><Other>Id`. */
function fieldName(field: FieldSpec, others: readonly string[], spec?: AggregateSpec): string {
  const other = others[0];
  if (field.type !== 'reference' || !other) return field.name;
  const firstReference = spec?.fields.find((candidate) => candidate.type === 'reference');
  return !spec || firstReference === field ? `${camel(other)}Id` : `${field.name}${other}Id`;
}

function imports(spec: AggregateSpec): string {
  const used = new Set(spec.fields.map((field) => field.type));
  const lines = [];
  const values = [used.has('email') && 'Email', used.has('money') && 'Money', used.has('contact') && 'Contact'].filter(Boolean);
  if (values.length > 0) lines.push(`import { ${values.join(', ')} } from '../shared/values.js';`);
  if (used.has('enum')) lines.push("import { Level } from '../shared/level.js';");
  if (spec.style === 'props') lines.push("import { AggregateRoot } from '../shared/aggregate-root.js';");
  return lines.join('\n');
}

function entitySource(spec: AggregateSpec, others: readonly string[]): string {
  const fields = spec.fields.map((field) => ({
    name: fieldName(field, others, spec),
    type: typeText(field.type, others),
    optional: field.type === 'optional',
  }));
  const q = (field: { optional: boolean }) => (field.optional ? '?' : '');
  const header = imports(spec);
  switch (spec.style) {
    case 'interface':
      return `${header}\n\nexport interface ${spec.name} {\n  id: string;\n${fields.map((f) => `  ${f.name}${q(f)}: ${f.type};`).join('\n')}\n}\n`;
    case 'public-fields':
      return `${header}\n\nexport class ${spec.name} {\n  id!: string;\n${fields.map((f) => `  ${f.name}${f.optional ? '?' : '!'}: ${f.type};`).join('\n')}\n}\n`;
    case 'constructor-properties':
      return `${header}\n\nexport class ${spec.name} {\n  constructor(\n    readonly id: string,\n${fields.map((f) => `    public ${f.name}: ${f.type}${f.optional ? ' | undefined' : ''},`).join('\n')}\n  ) {}\n}\n`;
    case 'getters': {
      const parameters = fields.map((f) => `${f.name}: ${f.type}${f.optional ? ' | undefined' : ''}`).join(', ');
      return `${header}\n\nexport class ${spec.name} {\n  private constructor(\n    private readonly _id: string,\n${fields.map((f) => `    private _${f.name}: ${f.type}${f.optional ? ' | undefined' : ''},`).join('\n')}\n  ) {}\n\n  static reconstitute(id: string, ${parameters}): ${spec.name} {\n    return new ${spec.name}(id, ${fields.map((f) => f.name).join(', ')});\n  }\n\n  get id(): string {\n    return this._id;\n  }\n${fields.map((f) => `\n  get ${f.name}(): ${f.type}${f.optional ? ' | undefined' : ''} {\n    return this._${f.name};\n  }\n`).join('')}}\n`;
    }
    case 'props': {
      const props = `${spec.name}Props`;
      return `${header}\n\nexport interface ${props} {\n${fields.map((f) => `  ${f.name}${q(f)}: ${f.type};`).join('\n')}\n}\n\nexport class ${spec.name} extends AggregateRoot<${props}> {\n  static create(props: ${props}, id: string): ${spec.name} {\n    return new ${spec.name}(props, id);\n  }\n${fields.map((f) => `\n  get ${f.name}(): ${f.type}${f.optional ? ' | undefined' : ''} {\n    return this.props.${f.name};\n  }\n`).join('')}}\n`;
    }
  }
}

function portSource(spec: AggregateSpec, others: readonly string[]): string {
  const variable = `${camel(spec.name)}Entity`;
  const finders = spec.finders.flatMap(({ kind, field: index }) => {
    const field = spec.fields[index % spec.fields.length]!;
    if (['list', 'readonlyList', 'optional', 'nullable', 'money', 'contact'].includes(field.type)) return [];
    const name = fieldName(field, others, spec);
    const parameter = `${camel(name) === name ? name : camel(name)}Value: ${typeText(field.type, others)}`;
    const returns = { findBy: `${spec.name} | null`, findAllBy: `${spec.name}[]`, existsBy: 'boolean', countBy: 'number' }[kind];
    return [`  ${kind}${pascal(name)}(${parameter}): Promise<${returns}>;`];
  });
  const used = new Set(spec.fields.map((field) => field.type));
  const valueImports = [
    used.has('email') && "import type { Email } from '../shared/values.js';\n",
    used.has('enum') && "import type { Level } from '../shared/level.js';\n",
  ]
    .filter(Boolean)
    .join('');
  return `${valueImports}import type { ${spec.name} } from './${spec.name.toLowerCase()}.js';\n\nexport interface ${spec.name}Repository {\n  save(${variable}: ${spec.name}): Promise<void>;\n  findById(id: string): Promise<${spec.name} | null>;\n  delete(id: string): Promise<void>;\n${[...new Set(finders)].join('\n')}\n}\n`;
}

const sharedSources: Record<string, string> = {
  'src/domain/shared/values.ts': `export class Email {\n  constructor(readonly value: string) {}\n}\n\nexport class Money {\n  constructor(\n    readonly amount: number,\n    readonly currency: string,\n  ) {}\n}\n\n/** A value object holding another. */\nexport class Contact {\n  constructor(\n    readonly email: Email,\n    readonly phone: string,\n  ) {}\n}\n`,
  'src/domain/shared/level.ts': `export enum Level {\n  Low = 'low',\n  High = 'high',\n}\n`,
  'src/domain/shared/aggregate-root.ts': `export abstract class AggregateRoot<P> {\n  protected constructor(\n    protected readonly props: P,\n    readonly id: string,\n  ) {}\n}\n`,
};

function domainFiles(specs: readonly AggregateSpec[]): Record<string, string> {
  const files: Record<string, string> = { ...sharedSources };
  specs.forEach((spec, index) => {
    const others = specs.filter((_, other) => other !== index).map((other) => other.name);
    const folder = `src/domain/${spec.name.toLowerCase()}`;
    files[`${folder}/${spec.name.toLowerCase()}.ts`] = entitySource(spec, others);
    files[`${folder}/${spec.name.toLowerCase()}-repository.ts`] = portSource(spec, others);
  });
  return files;
}

let project: TempProject | undefined;
beforeAll(() => assertBuilt());
afterAll(() => project?.remove());

describe('random domains', () => {
  it(
    `are refused with a located error, or generate a project that compiles (${runs} runs, seed ${seed})`,
    () => {
      const outcomes = { refused: 0, generated: 0 };
      fc.assert(
        fc.property(domain, (specs) => {
          project?.remove();
          project = createTempProject();
          const files = domainFiles(specs);
          for (const [file, text] of Object.entries(files)) {
            mkdirSync(path.dirname(path.join(project.root, file)), { recursive: true });
            writeFileSync(path.join(project.root, file), text);
          }
          // The domain itself compiles: whatever infragen does next is on infragen.
          const own = runBin('tsc', ['-p', '.'], project.root);
          expect(own.stdout + own.stderr, 'the random domain must compile on its own').toBe('');
          const before = snapshotTree(project.root);
          const repo = runCli(['generate', 'repo', '--all'], project.root);
          expect(repo.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
          if (repo.status !== 0) {
            expect(repo.status, repo.stderr).toBe(1);
            expect(repo.stderr).toMatch(/src\/domain\/[\w/-]+\.ts:\d+:\d+ error IG\d+/);
            expect(snapshotTree(project.root)).toEqual(before);
            outcomes.refused++;
            return;
          }
          const seedRun = runCli(['generate', 'seed', '--all'], project.root);
          expect(seedRun.status, seedRun.stderr).toBe(0);
          const validate = runBin('prisma', ['validate'], project.root, offlinePrismaEnv());
          expect(validate.status, validate.stdout + validate.stderr).toBe(0);
          const { prisma, tsc } = generateClientAndTypeCheck(project.root);
          expect(prisma.status, prisma.stdout + prisma.stderr).toBe(0);
          expect(tsc.stdout + tsc.stderr).toBe('');
          outcomes.generated++;
        }),
        { numRuns: runs, seed, endOnFailure: true },
      );
      console.info(`random domains: ${runs} tried, ${outcomes.generated} generated and compiled, ${outcomes.refused} refused with a located error`);
    },
    60_000 + runs * 40_000,
  );
});
