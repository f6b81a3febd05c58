// Text from the user's domain is data. Arbitrary strings (quotes, backslashes, line breaks, `${`, `*/`, Prisma
// syntax, an injection marker) are put into every position a user controls: literal-union members, enum values,
// defaults, column and table names, doc comments, field and class names. Each run either refuses with a located
// diagnostic and writes nothing, or writes a project whose TypeScript parses and type-checks, whose schema Prisma
// accepts, and where the marker is never code. INFRAGEN_PROPERTY_RUNS sets the number of runs (bench runs more).
import fc from 'fast-check';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { lintSchema } from '../../src/prisma/schema-wasm.js';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runCli, snapshotTree, type TempProject } from '../e2e/support.js';

const marker = 'pwned__';
/** The marker as a word of its own: names infragen derives from user text (`pwned___4UV8`) are data made safe, not code. */
const injected = new RegExp(`(?<![\\w$])${marker}(?![\\w$])`);
const runs = Number(process.env.INFRAGEN_PROPERTY_RUNS ?? 12);
const seed = Number(process.env.INFRAGEN_PROPERTY_SEED ?? 20261130);

/** Pieces that break naive printing in one target language or another; the marker is what must never run. */
const hostile = fc.constantFrom(
  `', (${marker}(), 'x'), '`,
  `"); ${marker}(); ("`,
  '`${' + marker + '()}`',
  `\\'${marker}`,
  `x'y`,
  `*/ ${marker}(); /*`,
  `") }\nmodel ${marker} {\n  id Int @id\n}\n//`,
  `@id @unique ${marker}`,
  `(`,
  `)`,
  '\u2028',
  'in-progress',
  'ünïcödé',
  ' ',
  '',
);
const text = fc.oneof(
  hostile,
  fc.string({ maxLength: 12 }),
  fc.tuple(hostile, fc.string({ maxLength: 6 }), hostile).map((parts) => parts.join('')),
);
const fieldName = fc.constantFrom('title', 'delete', 'default', 'type', 'data', 'where', 'select', 'then', 'toString', '$meta', '_count', 'ñandú', 'AND', 'in');
const className = fc.constantFrom('Item', 'Enum', 'Model', 'Type', 'Select', 'Default', 'Café', 'Group');

interface Case {
  entity: string;
  field: string;
  unionMember: string;
  enumValue: string;
  defaultValue: string;
  column: string;
  table: string;
  prose: string;
}

const cases = fc.record<Case>({
  entity: className,
  field: fieldName,
  unionMember: text,
  enumValue: text,
  defaultValue: text,
  column: text,
  table: text,
  prose: text,
});

/** A comment body: the user's own comment cannot contain its end. */
const commentText = (value: string) => value.replaceAll('*/', '* /').replaceAll('\u2028', ' ');
const literal = (value: string) => JSON.stringify(value);

function domainSource(c: Case): string {
  return `export type Stage = 'open' | ${literal(c.unionMember)};

export enum Flavour {
  Plain = 'plain',
  Odd = ${literal(c.enumValue)},
}

/**
 * ${commentText(c.prose)}
 * @table(${commentText(literal(c.table))})
 */
export class ${c.entity} {
  id!: string;
  /** @default(${commentText(literal(c.defaultValue))}) @map(${commentText(literal(c.column))}) */
  ${c.field}!: string;
  stage!: Stage;
  flavour!: Flavour;
  /** ${commentText(c.prose)} */
  note!: string;
}

export interface ${c.entity}Repository {
  save(item: ${c.entity}): Promise<void>;
  findById(id: string): Promise<${c.entity} | null>;
  findAllByStage(stage: Stage): Promise<${c.entity}[]>;
}
`;
}

function generatedTypeScript(root: string, before: Record<string, string>): Record<string, string> {
  const after = snapshotTree(root);
  return Object.fromEntries(
    Object.entries(after).filter(([file, content]) => file.endsWith('.ts') && before[file] !== content && !file.includes('/generated/')),
  );
}

/** Identifier tokens of a TypeScript text: where the marker would be code. */
function identifiers(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const found: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Identifier || token === ts.SyntaxKind.PrivateIdentifier) found.push(scanner.getTokenValue());
  }
  return found;
}

function parseErrors(file: string, source: string): string[] {
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] };
  return (parsed.parseDiagnostics ?? []).map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** The schema with its string literals and comments blanked: what is left is Prisma syntax. */
function prismaSyntax(schema: string): string {
  return schema.replace(/"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*/g, (match) => ' '.repeat(match.length));
}

let project: TempProject | undefined;
beforeAll(() => assertBuilt());
afterAll(() => project?.remove());

describe('user text in generated code', () => {
  it(
    `is data in every position, or refused with a located error (${runs} runs, seed ${seed})`,
    () => {
      const outcomes = { refused: 0, generated: 0 };
      fc.assert(
        fc.property(cases, (c) => {
          project?.remove();
          project = createTempProject();
          const domainFile = 'src/domain/item.ts';
          mkdirSync(path.join(project.root, 'src/domain'), { recursive: true });
          writeFileSync(path.join(project.root, domainFile), domainSource(c));
          const before = snapshotTree(project.root);
          const repo = runCli(['generate', 'repo', '--all'], project.root);
          expect(repo.stderr).not.toMatch(/internal error|\n\s+at .+\(.+:\d+:\d+\)/);
          if (repo.status !== 0) {
            expect(repo.status, repo.stderr).toBe(1);
            expect(repo.stderr).toMatch(new RegExp(`${domainFile}:\\d+:\\d+ error IG\\d+`));
            expect(snapshotTree(project.root)).toEqual(before);
            outcomes.refused++;
            return;
          }
          const seedRun = runCli(['generate', 'seed', '--all'], project.root);
          // Every aggregate skipped (a warning naming each field): nothing to seed, said and refused.
          if (seedRun.status === 1) expect(seedRun.stderr).toContain('error IG505');
          else expect(seedRun.status, seedRun.stderr).toBe(0);
          const schema = readFileSync(path.join(project.root, 'prisma/schema.prisma'), 'utf8');
          expect(lintSchema(schema).filter((problem) => !problem.warning)).toEqual([]);
          expect(prismaSyntax(schema)).not.toMatch(injected);
          const files = generatedTypeScript(project.root, before);
          if (seedRun.status === 0) expect(Object.keys(files).length).toBeGreaterThan(3);
          for (const [file, source] of Object.entries(files)) {
            expect(parseErrors(file, source)).toEqual([]);
            expect(
              identifiers(source).filter((name) => name === marker),
              file,
            ).toEqual([]);
          }
          const { prisma, tsc } = generateClientAndTypeCheck(project.root);
          expect(prisma.status, prisma.stdout + prisma.stderr).toBe(0);
          expect(tsc.stdout + tsc.stderr).toBe('');
          outcomes.generated++;
        }),
        { numRuns: runs, seed, endOnFailure: true },
      );
      console.info(`user text property: ${outcomes.generated} generated and compiled, ${outcomes.refused} refused with a located error`);
    },
    60_000 + runs * 30_000,
  );
});
