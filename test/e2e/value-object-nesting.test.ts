import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runCli, snapshotTree, strictTsconfig, type TempProject } from './support.js';

const nested = `export class Street {
  constructor(public readonly name: string, public readonly no: number) {}
}
export class Address {
  constructor(public readonly street: Street, public readonly city: string, public readonly previous?: Street) {}
}
export class Person {
  constructor(public id: string, public address: Address, public second?: Address) {}
}
`;

const cyclic = `export class Alpha {
  constructor(public readonly name: string, public readonly beta?: Beta) {}
}
export class Beta {
  constructor(public readonly code: string, public readonly alpha?: Alpha) {}
}
export class Person {
  constructor(public id: string, public alpha: Alpha) {}
}
export class Plain {
  constructor(public id: string, public name: string) {}
}
`;

describe('value objects that hold value objects', () => {
  let project: TempProject | undefined;
  beforeAll(() => assertBuilt());
  afterEach(() => project?.remove());

  it('a composite value object inside an embedded one is stored in its own Json column and the project compiles', () => {
    project = createTempProject(undefined, { 'src/domain/person.ts': nested, 'tsconfig.json': strictTsconfig(['src']) });
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.stderr).not.toMatch(/error|warning/);
    expect(run.status).toBe(0);
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);

  it('holding each other (a cycle) is refused at the field closing it, with nothing written, when the entity is named', () => {
    project = createTempProject(undefined, { 'src/domain/person.ts': cyclic });
    const before = snapshotTree(project.root);
    const run = runCli(['generate', 'repo', 'Person'], project.root);
    expect(run.stderr).toMatch(/src\/domain\/person\.ts:5:61 error IG208: the value objects Alpha, Beta hold each other \(Alpha\.beta → Beta\.alpha → Alpha\)/);
    expect(run.status).toBe(1);
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('over all entities, the entity holding the cycle is skipped and the others generated', () => {
    project = createTempProject(undefined, { 'src/domain/person.ts': cyclic });
    const run = runCli(['generate', 'repo', '--all'], project.root);
    expect(run.stderr).toMatch(/warning IG110: skipped Person: it holds the value object/);
    expect(run.status).toBe(0);
    expect(existsSync(path.join(project.root, 'src/infrastructure/repos/plain.mapper.ts'))).toBe(true);
    expect(existsSync(path.join(project.root, 'src/infrastructure/repos/person.mapper.ts'))).toBe(false);
  });
});
