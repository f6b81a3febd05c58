import { describe, expect, it } from 'vitest';
import { inspectDomainSources } from '../../src/inspect/index.js';

function domain(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'src/domain/shared/entity.ts': 'export abstract class AggregateRoot<P, Id = string> {\n  protected constructor(protected readonly props: P, readonly id: Id) {}\n}\n',
    'src/domain/shared/identifier.ts': 'export abstract class Identifier { constructor(readonly value: string) {} }\n',
    'src/domain/shared/status.ts': "export enum Status { Active = 'active', Archived = 'archived' }\n",
  };
  for (let n = 0; n < count; n += 1) {
    const name = `Thing${n}`;
    files[`src/domain/thing${n}/${name.toLowerCase()}.ts`] = `import { AggregateRoot } from '../shared/entity.js';
import { Identifier } from '../shared/identifier.js';
import { Status } from '../shared/status.js';
${n > 0 ? `import type { Thing${n - 1}Id } from '../thing${n - 1}/thing${n - 1}.js';\n` : ''}
export class ${name}Id extends Identifier {}

export interface ${name}Props {
  /** @unique */
  name: string;
  status: Status;
  tags: string[];
  createdAt: Date;
  note?: string | null;
  ${n > 0 ? `previousId: Thing${n - 1}Id;` : ''}
}

export class ${name} extends AggregateRoot<${name}Props, ${name}Id> {
  static reconstitute(id: ${name}Id, props: ${name}Props): ${name} {
    return new ${name}(props, id);
  }

  get name(): string {
    return this.props.name;
  }

  get status(): Status {
    return this.props.status;
  }
}
`;
  }
  return files;
}

// The speed of this scale is a bench figure (`npm run bench`: generate schema, 1000 entities), not an assertion here.
describe('a domain of 1,000 files', () => {
  it('inspects 1,000 entity files (entity, id and props in each), each entity with its identity and props', () => {
    const files = domain(1000);
    const { model, diagnostics } = inspectDomainSources(files);
    expect(diagnostics).toEqual([]);
    expect(model.entities).toHaveLength(1000);
    expect(model.valueObjects).toHaveLength(1000);
    expect(model.entities.find((e) => e.name === 'Thing7')?.fields.map((f) => f.type.kind)).toEqual(['identity', 'primitive', 'enum', 'primitive', 'primitive', 'primitive', 'identity']);
    expect(model.entities.find((e) => e.name === 'Thing999')?.fields.find((f) => f.name === 'previousId')?.type).toMatchObject({ kind: 'identity' });
  });
});
