import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  createTempProject,
  offlinePrismaEnv,
  runBin,
  runCli,
  snapshotTree,
  type TempProject,
} from './support.js';

describe('infragen generate schema, end to end', () => {
  let project: TempProject;

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop');
  });
  afterAll(() => project?.remove());

  it('writes a schema and prisma.config.ts that the Prisma CLI validates and generates a client from', () => {
    const run = runCli(['generate', 'schema', '--all'], project.root);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const schema = readFileSync(path.join(project.root, 'prisma/schema.prisma'), 'utf8');
    expect(schema).toMatch(/generator client \{[^}]*provider\s*=\s*"prisma-client"/);
    expect(schema).toMatch(/model Order \{/);
    expect(schema).toMatch(/model OrderLine \{/);
    expect(schema).toMatch(/enum OrderStatus \{/);
    expect(existsSync(path.join(project.root, 'prisma.config.ts'))).toBe(true);

    const validate = runBin('prisma', ['validate'], project.root, offlinePrismaEnv());
    expect(validate.stderr + validate.stdout).toMatch(/is valid/);
    expect(validate.status).toBe(0);
    const generate = runBin('prisma', ['generate'], project.root, offlinePrismaEnv());
    expect(generate.stderr + generate.stdout).toMatch(/Generated Prisma Client/);
    expect(generate.status).toBe(0);
  });

  it('reports zero changes on a second run and leaves every byte as it was', () => {
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'schema', '--all'], project.root);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/nothing to change/);
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('keeps a model the user added to the schema by hand', () => {
    const file = path.join(project.root, 'prisma/schema.prisma');
    const userModel = '\n/// Kept by hand\nmodel AuditLog {\n  id      Int    @id @default(autoincrement())\n  message String\n}\n';
    writeFileSync(file, readFileSync(file, 'utf8') + userModel);
    const run = runCli(['generate', 'schema', '--all'], project.root);
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('model AuditLog {');
    expect(readFileSync(file, 'utf8')).toContain('/// Kept by hand');
  });

  it('prints the plan and a diff with --dry-run, and writes nothing', () => {
    const dry = createTempProject('test/fixtures/domains/shop');
    try {
      const before = snapshotTree(dry.root);
      const run = runCli(['generate', 'schema', '--all', '--dry-run'], dry.root);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('+model Order {');
      expect(snapshotTree(dry.root)).toEqual(before);
    } finally {
      dry.remove();
    }
  });

  it('prints a machine-readable plan with --json', () => {
    const run = runCli(['generate', 'schema', '--all', '--json', '--dry-run'], project.root);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; changes: { path: string }[] };
    expect(result.ok).toBe(true);
    expect(result.changes.map((change) => change.path)).toContain('prisma/schema.prisma');
  });
});

describe('an entity that cannot be stored, with --all', () => {
  beforeAll(() => assertBuilt());

  it('is skipped with a located warning naming the field, and the others are generated', () => {
    const project = createTempProject(undefined, {
      'src/domain/user.ts': 'export class User {\n  id!: string;\n  onChange!: () => void;\n}\n',
      'src/domain/team.ts': 'export class Team {\n  id!: string;\n  name!: string;\n}\n',
    });
    try {
      const run = runCli(['generate', 'schema', '--all'], project.root);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/src\/domain\/user\.ts:\d+:\d+ warning IG110: skipped User: .*onChange/);
      const schema = readFileSync(path.join(project.root, 'prisma/schema.prisma'), 'utf8');
      expect(schema).toContain('model Team {');
      expect(schema).not.toContain('model User {');
    } finally {
      project.remove();
    }
  });
});

describe('bad input: one clear message, exit code 1, nothing written', () => {
  beforeAll(() => assertBuilt());

  const cases: { name: string; args?: string[]; files: Record<string, string>; expected: RegExp[] }[] = [
    {
      // Named on the command line, an entity that cannot be stored stops the run (with --all it is skipped, below).
      name: 'a type infragen cannot map, in an entity named on the command line',
      args: ['generate', 'schema', 'User'],
      files: {
        'src/domain/user.ts': 'export class User {\n  id!: string;\n  onChange!: () => void;\n}\n',
      },
      expected: [/src\/domain\/user\.ts:3:3/, /onChange/, /hint:/],
    },
    {
      name: 'an entity without an id',
      files: {
        'src/domain/thing.ts': '/** @table("things") */\nexport class Thing {\n  name!: string;\n}\n',
      },
      expected: [/src\/domain\/thing\.ts:\d+:\d+/, /\bid\b/, /hint:/],
    },
    {
      name: 'a name that is not a valid identifier for Prisma',
      files: { 'src/domain/cafe.ts': 'export class Café {\n  id!: string;\n}\n' },
      expected: [/src\/domain\/cafe\.ts:\d+:\d+/, /Café/],
    },
    {
      name: 'two entities mapping to one table',
      files: {
        'src/domain/user.ts': '/** @table("people") */\nexport class User {\n  id!: string;\n}\n',
        'src/domain/person.ts': '/** @table("people") */\nexport class Person {\n  id!: string;\n}\n',
      },
      expected: [/people/, /src\/domain\/(user|person)\.ts:\d+:\d+/],
    },
    {
      name: 'a path outside the project',
      files: {
        'src/domain/user.ts': 'export class User {\n  id!: string;\n}\n',
        'infragen.config.json': JSON.stringify({ paths: { schema: '../outside/schema.prisma' } }),
      },
      expected: [/outside/],
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const project = createTempProject(undefined, testCase.files);
      try {
        const before = snapshotTree(project.root);
        const run = runCli(testCase.args ?? ['generate', 'schema', '--all'], project.root);
        expect(run.status, run.stderr).toBe(1);
        for (const pattern of testCase.expected) expect(run.stderr).toMatch(pattern);
        expect(snapshotTree(project.root)).toEqual(before);
        expect(existsSync(path.join(project.root, '../outside'))).toBe(false);
      } finally {
        project.remove();
      }
    });
  }
});
