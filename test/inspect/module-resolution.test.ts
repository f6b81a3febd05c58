import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { discoverDomainFiles } from '../../src/inspect/discover.js';
import { inspectDomain, type InspectionResult } from '../../src/inspect/inspect.js';
import { inspectDomainCached } from '../../src/inspect/model-cache.js';
import { entity, fieldSummary, inspect } from './support.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'infragen-resolution-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

async function inspectRoot(): Promise<InspectionResult> {
  const files = await discoverDomainFiles(root, ['src/**/domain/**/*.ts']);
  return inspectDomain({ root, files });
}

/** A shared kernel whose base class holds the identity behind an `_id` field and an `id` getter. */
const kernel = {
  'aggregate-root.ts': `import { newId } from './new-id';
export abstract class AggregateRoot<P> {
  protected readonly _id: string;
  protected constructor(protected readonly props: P, id?: string) {
    this._id = id ?? newId();
  }
  get id(): string {
    return this._id;
  }
}
`,
  'new-id.ts': `export const newId = (): string => 'generated';
`,
  'money.ts': `export class Money {
  constructor(readonly amount: number, readonly currency: string) {}
}
`,
  'index.ts': `export * from './aggregate-root';\nexport * from './money';\n`,
};

const invoice = (from: string): string => `import { AggregateRoot, Money } from '${from}';

interface InvoiceProps {
  number: string;
  total: Money;
}

export class Invoice extends AggregateRoot<InvoiceProps> {
  private constructor(props: InvoiceProps, id?: string) {
    super(props, id);
  }
  static create(props: InvoiceProps, id?: string): Invoice {
    return new Invoice(props, id);
  }
  get number(): string {
    return this.props.number;
  }
  get total(): Money {
    return this.props.total;
  }
}
`;

const withPrefix = (prefix: string, files: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([file, text]) => [`${prefix}/${file}`, text]));

function expectInvoiceFromKernel(result: InspectionResult): void {
  expect(result.diagnostics).toEqual([]);
  const found = entity(result.model, 'Invoice');
  expect(found.isAggregateRoot).toBe(true);
  expect(fieldSummary(found.fields)).toEqual(['id: string', 'number: string', 'total: valueObject Money']);
  expect(result.model.entities.map((model) => model.name)).toEqual(['Invoice']);
  expect(result.model.valueObjects.map((model) => model.name)).toEqual(['Money']);
}

describe('imports resolved with the project’s own module resolution', () => {
  it('follows a tsconfig `paths` alias declared in a base config the tsconfig extends', async () => {
    write({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@shared/*': ['./libs/shared-kernel/*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { module: 'commonjs', moduleResolution: 'node10' } }),
      ...withPrefix('libs/shared-kernel', kernel),
      'src/billing/domain/invoice.ts': invoice('@shared/index'),
    });
    expectInvoiceFromKernel(await inspectRoot());
  });

  it('follows `baseUrl` imports', async () => {
    write({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node10', baseUrl: '.', ignoreDeprecations: '6.0' } }),
      ...withPrefix('libs/shared-kernel', kernel),
      'src/billing/domain/invoice.ts': invoice('libs/shared-kernel'),
    });
    expectInvoiceFromKernel(await inspectRoot());
  });

  it('reads base classes from the declarations of a package in node_modules (its `exports` under NodeNext)', async () => {
    write({
      'package.json': JSON.stringify({ type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
      'node_modules/@acme/ddd-kit/package.json': JSON.stringify({
        name: '@acme/ddd-kit',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      }),
      'node_modules/@acme/ddd-kit/dist/index.d.ts': `export * from './aggregate-root.js';\n`,
      'node_modules/@acme/ddd-kit/dist/aggregate-root.d.ts': `export declare abstract class AggregateRoot<P> {
    protected readonly props: P;
    private readonly _id;
    protected constructor(props: P, id?: string);
    get id(): string;
}
`,
      'src/billing/domain/money.ts': kernel['money.ts'],
      'src/billing/domain/invoice.ts': invoice('@acme/ddd-kit').replace(
        "import { AggregateRoot, Money } from '@acme/ddd-kit';",
        "import { AggregateRoot } from '@acme/ddd-kit';\nimport { Money } from './money.js';",
      ),
    });
    expectInvoiceFromKernel(await inspectRoot());
  });

  it('parses a package’s declarations only when a name is looked up in them (a domain importing zod or rxjs parses none of theirs)', async () => {
    const modules = Array.from({ length: 40 }, (_, n) => `module${n}`);
    write({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext' } }),
      'node_modules/validation-kit/package.json': JSON.stringify({ name: 'validation-kit', types: './index.d.ts' }),
      'node_modules/validation-kit/index.d.ts': modules.map((name) => `export * from './${name}.js';\n`).join(''),
      ...Object.fromEntries(
        modules.map((name) => [`node_modules/validation-kit/${name}.d.ts`, `export declare const ${name}: (input: unknown) => boolean;\n`]),
      ),
      'src/domain/user.ts': `import { module3 } from 'validation-kit';\nexport class User {\n  constructor(readonly id: string, readonly name: string) {\n    module3(name);\n  }\n}\n`,
    });
    const reads = { texts: new Map<string, string>(), missing: new Set<string>() };
    const result = inspectDomain({ root, files: await discoverDomainFiles(root, ['src/**/domain/**/*.ts']), reads });
    expect(fieldSummary(entity(result.model, 'User').fields)).toEqual(['id: string', 'name: string']);
    expect([...reads.texts.keys()].filter((file) => file.endsWith('.d.ts'))).toEqual([]);
  });

  it('follows a workspace package linked into node_modules whose types point at its TypeScript sources', async () => {
    write({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler' } }),
      'libs/shared-kernel/package.json': JSON.stringify({ name: '@app/shared-kernel', types: './src/index.ts' }),
      ...withPrefix('libs/shared-kernel/src', kernel),
      'src/billing/domain/invoice.ts': invoice('@app/shared-kernel'),
    });
    mkdirSync(path.join(root, 'node_modules/@app'), { recursive: true });
    symlinkSync(path.join(root, 'libs/shared-kernel'), path.join(root, 'node_modules/@app/shared-kernel'), 'dir');
    expectInvoiceFromKernel(await inspectRoot());
  });

  it('follows an alias the root tsconfig of a monorepo declares for a library outside the project folder', async () => {
    write({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@acme/shared-kernel': ['libs/shared-kernel/src/index.ts'] } } }),
      ...withPrefix('libs/shared-kernel/src', kernel),
      'apps/billing/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { module: 'nodenext' } }),
      'apps/billing/src/billing/domain/invoice.ts': invoice('@acme/shared-kernel'),
    });
    const app = path.join(root, 'apps/billing');
    const result = inspectDomain({ root: app, files: await discoverDomainFiles(app, ['src/**/domain/**/*.ts']) });
    expectInvoiceFromKernel(result);
    expect(result.model.valueObjects[0]?.source.file).toBe('../../libs/shared-kernel/src/money.ts');
  });

  it('never makes a model of a class outside the entity globs that only the domain imports', async () => {
    write({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@shared/*': ['./libs/shared-kernel/*'] } } }),
      ...withPrefix('libs/shared-kernel', {
        ...kernel,
        'audit-entry.ts': 'export class AuditEntry {\n  constructor(readonly id: string, readonly at: Date) {}\n}\n',
      }),
      'src/billing/domain/invoice.ts': `import { AuditEntry } from '@shared/audit-entry';\n${invoice('@shared/index')}`,
    });
    const result = await inspectRoot();
    expect(result.model.entities.map((model) => model.name)).toEqual(['Invoice']);
  });

  it('re-inspects when a tsconfig of the extends chain or a package declaration changes', async () => {
    write({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@shared/*': ['./libs/nowhere/*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      ...withPrefix('libs/shared-kernel', kernel),
      'src/billing/domain/invoice.ts': invoice('@shared/index'),
    });
    const cacheDir = path.join(root, '.cache');
    const options = defaultOptions();
    const cached = async (): Promise<InspectionResult> =>
      inspectDomainCached({ root, files: await discoverDomainFiles(root, ['src/**/domain/**/*.ts']), options, cacheDir });
    expect((await cached()).model.entities.find((model) => model.name === 'Invoice')?.fields.map((field) => field.name)).not.toContain('id');
    write({ 'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@shared/*': ['./libs/shared-kernel/*'] } } }) });
    expectInvoiceFromKernel(await cached());
    // The base class moves into an installed package, whose declarations are read only when looked up.
    write({
      'node_modules/@acme/ddd-kit/package.json': JSON.stringify({ name: '@acme/ddd-kit', types: './index.d.ts' }),
      'node_modules/@acme/ddd-kit/index.d.ts':
        'export declare abstract class AggregateRoot<P> {\n    protected readonly props: P;\n    private readonly _id;\n    get id(): string;\n}\n',
      'src/billing/domain/invoice.ts': invoice('@shared/index').replace(
        "import { AggregateRoot, Money } from '@shared/index';",
        "import { AggregateRoot } from '@acme/ddd-kit';\nimport { Money } from '@shared/index';",
      ),
    });
    expectInvoiceFromKernel(await cached());
    write({
      'node_modules/@acme/ddd-kit/index.d.ts':
        'export declare abstract class AggregateRoot<P> {\n    protected readonly props: P;\n    private readonly _id;\n    get id(): number;\n}\n',
    });
    expect(fieldSummary(entity((await cached()).model, 'Invoice').fields)[0]).toBe('id: number');
  });

  it('binds a generic base’s `get id(): TId` to the subclass’s type argument, and skips symbol-keyed bookkeeping members', () => {
    const { model } = inspect({
      'node_modules/@acme/cqrs-kit/package.json': JSON.stringify({ name: '@acme/cqrs-kit', types: './index.d.ts' }),
      'node_modules/@acme/cqrs-kit/index.d.ts': `declare const EVENTS: unique symbol;
export declare abstract class Entity<TId = string> {
    private readonly _id;
    protected constructor(id: TId);
    get id(): TId;
}
export declare abstract class AggregateRoot<TId = string, E = unknown> extends Entity<TId> {
    [EVENTS]: E[];
    apply(event: E): void;
    commit(): void;
}
export declare abstract class ValueObject<P extends object> {
    protected readonly props: Readonly<P>;
    protected constructor(props: P);
}
`,
      'src/domain/order-id.ts': `import { ValueObject } from '@acme/cqrs-kit';
export class OrderId extends ValueObject<{ value: string }> {
  constructor(value: string) { super({ value }); }
  get value(): string { return this.props.value; }
}
`,
      'src/domain/order.ts': `import { AggregateRoot } from '@acme/cqrs-kit';
import type { OrderId } from './order-id';
export class Order extends AggregateRoot<OrderId> {
  constructor(id: OrderId, private readonly _reference: string) { super(id); }
  get reference(): string { return this._reference; }
}
`,
      'src/domain/shipment.ts': `import { AggregateRoot } from '@acme/cqrs-kit';
export class Shipment extends AggregateRoot {
  constructor(id: string, readonly carrier: string) { super(id); }
}
`,
    });
    expect(fieldSummary(entity(model, 'Order').fields)).toEqual(['id: identity OrderId->Order', 'reference: string']);
    expect(fieldSummary(entity(model, 'Shipment').fields)).toEqual(['id: string', 'carrier: string']);
  });

  it('takes an `_id` a base class keeps without a getter for the identity of its subclasses, unreadable (the repository then names the getter to add)', () => {
    const { model } = inspect({
      'libs/shared-kernel/entity.ts': `export abstract class Entity<P> {
  protected readonly _id: string;
  protected constructor(protected props: P, id?: string) { this._id = id ?? 'generated'; }
}
`,
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@shared/*': ['./libs/shared-kernel/*'] } } }),
      'src/domain/user.ts': `import { Entity } from '@shared/entity';
interface UserProps { name: string }
export class User extends Entity<UserProps> {
  private constructor(props: UserProps, id?: string) { super(props, id); }
  static create(props: UserProps, id?: string): User { return new User(props, id); }
  get name(): string { return this.props.name; }
}
`,
    });
    const user = entity(model, 'User');
    expect(fieldSummary(user.fields)).toEqual(['id: string (no accessor)', 'name: string']);
    expect(user.fields[0]?.location).toMatchObject({ file: 'libs/shared-kernel/entity.ts', line: 2 });
  });

  it('never takes a library class used as a field type (a Decimal from an installed package) for a value object of the domain', () => {
    const { model, diagnostics } = inspect(
      {
        'node_modules/decimal-kit/package.json': JSON.stringify({ name: 'decimal-kit', types: './decimal.d.ts' }),
        'node_modules/decimal-kit/decimal.d.ts':
          'export declare class Decimal {\n    readonly d: number[];\n    readonly e: number;\n    readonly s: number;\n    constructor(value: string | number);\n}\n',
        'src/domain/product.ts': `import { Decimal } from 'decimal-kit';\nexport class Product {\n  constructor(readonly id: string, readonly price: Decimal) {}\n}\n`,
      },
      true,
    );
    expect(model.valueObjects).toEqual([]);
    expect(diagnostics.map((problem) => `${problem.code} ${problem.message}`)).toEqual(['IG101 cannot map Product.price of type Decimal']);
  });

  it('takes an `@id`-tagged getter of a base class declared in a package for the key of every subclass', () => {
    const { model } = inspect({
      'node_modules/@acme/reference-data/package.json': JSON.stringify({ name: '@acme/reference-data', types: './index.d.ts' }),
      'node_modules/@acme/reference-data/index.d.ts': `export declare abstract class ReferenceEntity {
    private readonly _code;
    protected constructor(code: string);
    /** @id */
    get code(): string;
}
`,
      'src/domain/country.ts': `import { ReferenceEntity } from '@acme/reference-data';
export class Country extends ReferenceEntity {
  constructor(code: string, readonly label: string) { super(code); }
}
`,
    });
    const country = entity(model, 'Country');
    expect(country.fields.filter((field) => field.tags.id).map((field) => field.name)).toEqual(['code']);
  });

  it('resolves names qualified by a namespace import of a package (`extends Kit.AggregateRoot`), whose declarations no global lookup sees', () => {
    const { model } = inspect({
      'node_modules/@acme/ddd-kit/package.json': JSON.stringify({ name: '@acme/ddd-kit', types: './index.d.ts' }),
      'node_modules/@acme/ddd-kit/index.d.ts':
        'export declare abstract class AggregateRoot<P> {\n    protected readonly props: P;\n    private readonly _id;\n    protected constructor(props: P, id?: string);\n    get id(): string;\n}\n',
      'src/domain/money.ts': kernel['money.ts'],
      'src/domain/invoice.ts': invoice('@acme/ddd-kit')
        .replace("import { AggregateRoot, Money } from '@acme/ddd-kit';", "import * as Kit from '@acme/ddd-kit';\nimport { Money } from './money';")
        .replaceAll('AggregateRoot<', 'Kit.AggregateRoot<'),
    });
    const found = entity(model, 'Invoice');
    expect(found.isAggregateRoot).toBe(true);
    expect(fieldSummary(found.fields)).toEqual(['id: string', 'number: string', 'total: valueObject Money']);
  });
});
