import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { DomainLookup } from '../../../src/generators/repos/domain-lookup.js';
import { planRepositoryTests, planSeeds } from '../../../src/generators/seeds/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { MemoryTree } from '../../../src/workspace/index.js';

const sources = {
  'src/shared/result.ts': `export class Result<T> {
  public isFailure: boolean;
  public error: string | null;
  private constructor(ok: boolean, error: string | null, private readonly _value?: T) { this.isFailure = !ok; this.error = error; }
  public getValue(): T { if (this._value === undefined) throw new Error('failed'); return this._value; }
  public static ok<U>(value: U): Result<U> { return new Result<U>(true, null, value); }
}
`,
  'src/shared/id.ts': `export class UniqueEntityID {
  constructor(readonly value: string) {}
}
`,
  'src/domain/username.ts': `import { Result } from '../shared/result.js';
export class Username {
  static maxLength = 15;
  static readonly MIN_LENGTH = 3;
  private constructor(private readonly props: { value: string }) {}
  get value(): string { return this.props.value; }
  static create(props: { value: string }): Result<Username> { return Result.ok(new Username(props)); }
}
`,
  'src/domain/member.ts': `import { Result } from '../shared/result.js';
import { UniqueEntityID } from '../shared/id.js';
import { Username } from './username.js';
export class Member {
  private constructor(readonly id: UniqueEntityID, readonly username: Username) {}
  static create(props: { username: Username }, id: UniqueEntityID): Result<Member> { return Result.ok(new Member(id, props.username)); }
}
export interface MemberRepo {
  save(member: Member): Promise<void>;
  exists(memberId: string): Promise<boolean>;
  delete(memberId: string): Promise<void>;
}
`,
};

function plan() {
  const { model, diagnostics } = inspectDomainSources(sources);
  expect(diagnostics).toEqual([]);
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const tree = new MemoryTree({ 'src/infrastructure/repos/prisma-member.repository.ts': '// generated' });
  const seeds = planSeeds({ domain: model, persistence, context, entities: ['Member'], count: 3, tree });
  const tests = planRepositoryTests({ lookup: new DomainLookup(model, persistence), context, repositories: seeds.repositories, seeds, tree });
  const seedModule = seeds.files.find((file) => file.path.endsWith('member.seed.ts'))!.data as {
    builders: { expression: string; name: string }[];
    imports: string[];
  };
  return { seedModule, suite: (tests.files[0]!.data as { suites: Record<string, unknown>[] }).suites[0]! };
}

describe('seeds and repository tests of Result-returning factories', () => {
  it('build through the factory, draw again while the domain refuses, and keep strings within the value object’s declared lengths', () => {
    const { seedModule } = plan();
    const [builder] = seedModule.builders;
    expect(builder!.expression.startsWith("retried('Member', () => ((result) => { if (result.isFailure) throw new Error('cannot build Member'")).toBe(true);
    expect(builder!.expression).toContain('Username.create({ value: ');
    expect(builder!.expression).toContain(".padEnd(3, 'x').slice(0, 15)");
    expect(seedModule.imports.some((line) => /import \{[^}]*\bretried\b/.test(line))).toBe(true);
  });

  it('pass the stored key to by-key port methods taking a primitive while the domain key is a value object', () => {
    const { suite } = plan();
    expect([suite['keyArgument'], suite['existsArgument'], suite['deletion']]).toEqual(['member.id', 'member.id.value', { name: 'delete', argument: 'member.id.value' }]);
  });
});
