import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const shared = `export class Email {
  private constructor(readonly value: string) {}
  static create(value: string): Email {
    return new Email(value);
  }
}

export enum Status {
  Active = 'ACTIVE',
  Archived = 'ARCHIVED',
}
`;

function entity(index) {
  const name = `Entity${index}`;
  const reference = index > 0 ? `\n  /** @index */\n  parentId?: string;` : '';
  return `import { Email, Status } from './shared.js';

export class ${name} {
  constructor(
    public readonly id: string,
    public name: string,
    public email: Email,
    public status: Status,
    public score: number,
    public createdAt: Date,
  ) {}${reference}
}
`;
}

/** Writes a project with `count` entity files (plus one shared file) and returns its root. */
export function writeSyntheticProject(root, count) {
  const domain = path.join(root, 'src/domain');
  mkdirSync(domain, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', type: 'module' }));
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true } }),
  );
  writeFileSync(path.join(domain, 'shared.ts'), shared);
  for (let index = 0; index < count; index += 1) {
    writeFileSync(path.join(domain, `entity-${index}.ts`), entity(index));
  }
  return root;
}

const aggregateShared = {
  'shared/value-object.ts': `export abstract class ValueObject<P> {
  protected constructor(protected readonly props: P) {}

  equals(other: ValueObject<P>): boolean {
    return JSON.stringify(other.props) === JSON.stringify(this.props);
  }
}
`,
  'shared/identifier.ts': `export abstract class Identifier {
  constructor(readonly value: string) {}

  equals(other: Identifier): boolean {
    return other.value === this.value;
  }
}
`,
  'shared/aggregate-root.ts': `export abstract class AggregateRoot<P, Id = string> {
  protected constructor(
    protected readonly props: P,
    readonly id: Id,
  ) {}
}
`,
  'shared/money.ts': `import { ValueObject } from './value-object.js';

export interface MoneyProps {
  /** @decimal */
  amount: number;
  currency: string;
}

export class Money extends ValueObject<MoneyProps> {
  static create(props: MoneyProps): Money {
    return new Money(props);
  }

  get amount(): number {
    return this.props.amount;
  }

  get currency(): string {
    return this.props.currency;
  }
}
`,
  'shared/email.ts': `import { ValueObject } from './value-object.js';

export class Email extends ValueObject<{ value: string }> {
  static create(value: string): Email {
    return new Email({ value });
  }

  get value(): string {
    return this.props.value;
  }
}
`,
  'shared/status.ts': `export enum Status {
  Active = 'ACTIVE',
  Archived = 'ARCHIVED',
}
`,
};

/** One aggregate: an identifier, props with value objects and an enum, the root, and its repository port. */
function aggregateFiles(index) {
  const name = `Aggregate${index}`;
  const file = `aggregate-${index}`;
  const reference = index > 0 ? { import: `import type { Aggregate${index - 1}Id } from '../aggregate-${index - 1}/aggregate-${index - 1}-id.js';\n`, prop: `  previousId: Aggregate${index - 1}Id;\n`, getter: `\n  get previousId(): Aggregate${index - 1}Id {\n    return this.props.previousId;\n  }\n` } : { import: '', prop: '', getter: '' };
  return {
    [`${file}/${file}-id.ts`]: `import { Identifier } from '../shared/identifier.js';\n\nexport class ${name}Id extends Identifier {}\n`,
    [`${file}/${file}-props.ts`]: `import type { Email } from '../shared/email.js';
import type { Money } from '../shared/money.js';
import type { Status } from '../shared/status.js';
${reference.import}
export interface ${name}Props {
  /** @unique */
  email: Email;
  title: string;
  status: Status;
  price: Money;
  note?: string | null;
  createdAt: Date;
${reference.prop}}
`,
    [`${file}/${file}.ts`]: `import { AggregateRoot } from '../shared/aggregate-root.js';
import type { Email } from '../shared/email.js';
import type { Money } from '../shared/money.js';
import type { Status } from '../shared/status.js';
${reference.import}import type { ${name}Id } from './${file}-id.js';
import type { ${name}Props } from './${file}-props.js';

export class ${name} extends AggregateRoot<${name}Props, ${name}Id> {
  static reconstitute(id: ${name}Id, props: ${name}Props): ${name} {
    return new ${name}(props, id);
  }

  get email(): Email {
    return this.props.email;
  }

  get title(): string {
    return this.props.title;
  }

  get status(): Status {
    return this.props.status;
  }

  get price(): Money {
    return this.props.price;
  }

  get note(): string | null | undefined {
    return this.props.note;
  }

  get createdAt(): Date {
    return this.props.createdAt;
  }
${reference.getter}}
`,
    [`${file}/${file}-repository.ts`]: `import type { Email } from '../shared/email.js';
import type { Status } from '../shared/status.js';
import type { ${name} } from './${file}.js';
import type { ${name}Id } from './${file}-id.js';

export interface ${name}Repository {
  findById(id: ${name}Id): Promise<${name} | null>;
  findByEmail(email: Email): Promise<${name} | null>;
  findAllByStatusOrderByCreatedAtDesc(status: Status): Promise<${name}[]>;
  countByStatus(status: Status): Promise<number>;
  save(aggregate: ${name}): Promise<void>;
  delete(id: ${name}Id): Promise<void>;
}
`,
  };
}

/** Writes a project with `count` aggregates, each with its repository port, sharing value objects; returns its root. */
export function writeAggregateProject(root, count) {
  const domain = path.join(root, 'src/domain');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', type: 'module' }));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true } }));
  const files = { ...aggregateShared };
  for (let index = 0; index < count; index += 1) Object.assign(files, aggregateFiles(index));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(domain, file)), { recursive: true });
    writeFileSync(path.join(domain, file), text);
  }
  return root;
}
