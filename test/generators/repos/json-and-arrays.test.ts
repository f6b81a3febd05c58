// Issue 10 (items 5 and 11): arrays of value objects by the documented rule, Json columns read back through checked
// conversions to the declared type, and identity classes read through their methods.
import { describe, expect, it } from 'vitest';
import { templateData } from '../../support/planned-files.js';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ColumnField } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';

const sources = {
  'src/domain/money.ts': `export class Money {
  private constructor(/** @decimal */ readonly amount: number, readonly currency: string) {}
  static of(amount: number, currency: string): Money { return new Money(amount, currency); }
}
`,
  'src/domain/barcode.ts': 'export class Barcode {\n  private constructor(readonly code: string) {}\n  static of(code: string): Barcode { return new Barcode(code); }\n}\n',
  'src/domain/bin.ts': `export class BinLocation {
  private constructor(readonly aisle: string, readonly shelf: number, readonly countedAt: Date, readonly note?: string) {}
  static of(aisle: string, shelf: number, countedAt: Date, note?: string): BinLocation { return new BinLocation(aisle, shelf, countedAt, note); }
}
`,
  'src/domain/metadata.ts': 'export interface ItemMetadata {\n  supplier: string;\n  labels: string[];\n  fragile?: boolean;\n}\n',
  'src/domain/stock-item.ts': `import type { Barcode } from './barcode.js';
import type { BinLocation } from './bin.js';
import type { ItemMetadata } from './metadata.js';
import type { Money } from './money.js';
export class StockItem {
  constructor(
    readonly id: string,
    readonly attributes: Record<string, string>,
    readonly metadata: ItemMetadata,
    readonly unitCost: Money,
    readonly barcodes: Barcode[],
    readonly locations: BinLocation[],
  ) {}
}
`,
  'src/domain/stock-item-repository.ts': "import type { StockItem } from './stock-item.js';\nexport interface StockItemRepository {\n  findById(id: string): Promise<StockItem | null>;\n  save(item: StockItem): Promise<void>;\n}\n",
};

function plan(files: Record<string, string>) {
  const { model, diagnostics } = inspectDomainSources(files);
  expect(diagnostics).toEqual([]);
  const options = defaultOptions();
  const planned = planPersistence(model, options);
  expect(planned.diagnostics).toEqual([]);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const result = planRepositories({ domain: model, persistence: planned.persistence, context, entities: model.entities.map((entity) => entity.name) });
  const mapper = templateData(result.files.find((file) => file.path.endsWith('stock-item.mapper.ts'))) as { imports: string[]; entities: { toDomainExpression: string; recordEntries: string[] }[] };
  const columns = planned.persistence.models[0]!.fields.filter((field): field is ColumnField => field.kind === 'column');
  return { result, mapper: mapper.entities[0]!, imports: mapper.imports, columns };
}

describe('arrays of value objects', () => {
  it('stores an array of single-value value objects as a scalar list, each rebuilt through its factory', () => {
    const { mapper, columns } = plan(sources);
    expect(columns.find((column) => column.name === 'barcodes')).toMatchObject({ type: 'String', list: true, origin: { kind: 'valueObject', valueObject: 'Barcode' } });
    expect(mapper.toDomainExpression).toContain('row.barcodes.map((item) => Barcode.of(item))');
    expect(mapper.recordEntries).toContain('barcodes: stockItem.barcodes.map((item) => item.code)');
  });

  it('stores an array of composite value objects as one Json array, written as plain objects and rebuilt element by element', () => {
    const { mapper, columns } = plan(sources);
    expect(columns.find((column) => column.name === 'locations')).toMatchObject({ type: 'Json', list: false, origin: { kind: 'json', valueObject: 'BinLocation' } });
    expect(mapper.recordEntries).toContain(
      'locations: stockItem.locations.map((item) => ({ aisle: item.aisle, shelf: item.shelf, countedAt: item.countedAt.toISOString(), note: item.note })) as Prisma.InputJsonValue',
    );
    const read = mapper.toDomainExpression;
    expect(read).toContain("jsonArray(row.locations, 'StockItem.locations').map((item) => BinLocation.of(");
    expect(read).toContain("jsonString(jsonObject(item, 'StockItem.locations')['aisle'], 'StockItem.locations.aisle')");
    expect(read).toContain("jsonDate(jsonObject(item, 'StockItem.locations')['countedAt'], 'StockItem.locations.countedAt')");
    expect(read).toContain("jsonObject(item, 'StockItem.locations')['note'] === undefined || jsonObject(item, 'StockItem.locations')['note'] === null ? undefined : jsonString(");
  });
});

describe('Json columns', () => {
  it('reads a Record<string, string> back through a checked conversion of every value', () => {
    const { mapper, imports, result } = plan(sources);
    expect(mapper.toDomainExpression).toContain("jsonRecord(row.attributes, 'StockItem.attributes', jsonString)");
    expect(mapper.recordEntries).toContain('attributes: stockItem.attributes as Prisma.InputJsonValue');
    expect(imports).toContain("import { jsonArray, jsonBoolean, jsonDate, jsonNumber, jsonObject, jsonRecord, jsonString } from './json-values.js';");
    expect(result.files.find((file) => file.path === 'src/infrastructure/repos/json-values.ts')).toMatchObject({ template: 'repos/json-values.ts.hbs', policy: 'owned' });
  });

  it('reads an interface back member by member, and writes it through unknown (an interface has no index signature)', () => {
    const { mapper } = plan(sources);
    expect(mapper.toDomainExpression).toContain(
      "{ supplier: jsonString(jsonObject(row.metadata, 'StockItem.metadata')['supplier'], 'StockItem.metadata.supplier'), labels: jsonArray(jsonObject(row.metadata, 'StockItem.metadata')['labels'], 'StockItem.metadata.labels').map((element) => jsonString(element, 'StockItem.metadata.labels'))",
    );
    expect(mapper.recordEntries).toContain('metadata: stockItem.metadata as unknown as Prisma.InputJsonValue');
  });

  it('prints the user’s names inside the conversions as string literals', () => {
    const { mapper } = plan({ ...sources, 'src/domain/metadata.ts': "export interface ItemMetadata {\n  \"it's\": string;\n}\n" });
    expect(mapper.toDomainExpression).toContain("['it\\'s'], 'StockItem.metadata.it\\'s')");
  });

  it('stores @decimal as Decimal and reads it back as the number it was', () => {
    const { mapper, columns } = plan(sources);
    expect(columns.find((column) => column.name === 'unitCostAmount')).toMatchObject({ type: 'Decimal' });
    expect(mapper.toDomainExpression).toContain('Money.of(row.unitCostAmount.toNumber(), row.unitCostCurrency)');
  });
});

describe('identity classes', () => {
  it('reads an Identifier<string | number> key through toString() and rebuilds it with its constructor', () => {
    const { result } = (() => {
      const files = {
        'src/domain/identifier.ts': 'export class Identifier<T> {\n  constructor(private readonly value: T) {}\n  toString(): string { return String(this.value); }\n  toValue(): T { return this.value; }\n}\n',
        'src/domain/unique-entity-id.ts': "import { Identifier } from './identifier.js';\nexport class UniqueEntityID extends Identifier<string | number> {\n  constructor(id?: string | number) { super(id ?? 'x'); }\n}\n",
        'src/domain/book.ts': "import type { UniqueEntityID } from './unique-entity-id.js';\nexport class Book {\n  constructor(readonly id: UniqueEntityID, readonly title: string) {}\n}\n",
      };
      const { model } = inspectDomainSources(files);
      const options = defaultOptions();
      const { persistence } = planPersistence(model, options);
      const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
      return { result: planRepositories({ domain: model, persistence, context, entities: ['Book'] }) };
    })();
    expect(result.diagnostics).toEqual([]);
    const mapper = templateData(result.files.find((file) => file.path.endsWith('book.mapper.ts'))) as { entities: { toDomainExpression: string; recordEntries: string[] }[] };
    expect(mapper.entities[0]!.recordEntries).toContain('id: book.id.toString()');
    expect(mapper.entities[0]!.toDomainExpression).toBe('new Book(new UniqueEntityID(row.id), row.title)');
  });
});

describe('an aggregate infragen cannot map', () => {
  it('is refused once, naming every field that cannot be mapped, not only the first', () => {
    const files = {
      'src/domain/customer.ts': 'export class Customer {\n  constructor(readonly id: string, readonly name: string) {}\n}\n',
      'src/domain/product.ts': 'export class Product {\n  constructor(readonly id: string, readonly title: string) {}\n}\n',
      'src/domain/order.ts': "import type { Customer } from './customer.js';\nimport type { Product } from './product.js';\nexport class Order {\n  constructor(readonly id: string, readonly customer: Customer, readonly product: Product) {}\n}\n",
      'src/domain/repositories.ts':
        "import type { Customer } from './customer.js';\nimport type { Product } from './product.js';\nimport type { Order } from './order.js';\nexport interface CustomerRepository { findById(id: string): Promise<Customer | null> }\nexport interface ProductRepository { findById(id: string): Promise<Product | null> }\nexport interface OrderRepository { findById(id: string): Promise<Order | null> }\n",
    };
    const { model } = inspectDomainSources(files);
    const options = defaultOptions();
    const { persistence } = planPersistence(model, options);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const { diagnostics } = planRepositories({ domain: model, persistence, context, entities: ['Order'], skipUnsupported: true });
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message])).toEqual([
      [
        'IG401',
        'warning',
        'skipped the Order repository: Order.customer holds Customer objects that belong to another aggregate; Order.product holds Product objects that belong to another aggregate',
      ],
    ]);
  });
});

describe('@decimal held as text or inside a value object', () => {
  it('stores decimal text as Decimal and reads it back at the column scale, and converts a Decimal before a value object takes it', () => {
    const files = {
      'src/domain/weight.ts': 'export class Weight {\n  private constructor(readonly kilograms: number) {}\n  static of(kilograms: number): Weight { return new Weight(kilograms); }\n}\n',
      'src/domain/parcel.ts': `import type { Weight } from './weight.js';
export class Parcel {
  constructor(
    readonly id: string,
    /**
     * @decimal
     * @db.Decimal(14, 2)
     */
    readonly customsValue: string,
    /** @decimal */
    readonly rate: string,
    /** @decimal */
    readonly weight: Weight,
  ) {}
}
`,
    };
    const { model } = inspectDomainSources(files);
    const options = defaultOptions();
    const { persistence } = planPersistence(model, options);
    const columns = persistence.models[0]!.fields.filter((field): field is ColumnField => field.kind === 'column');
    expect(columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
      ['id', 'String', undefined],
      ['customsValue', 'Decimal', 'Decimal(14, 2)'],
      ['rate', 'Decimal', undefined],
      ['weight', 'Decimal', undefined],
    ]);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const { files: planned } = planRepositories({ domain: model, persistence, context, entities: ['Parcel'] });
    const mapper = templateData(planned.find((file) => file.path.endsWith('parcel.mapper.ts'))) as { entities: { toDomainExpression: string }[] };
    expect(mapper.entities[0]!.toDomainExpression).toBe('new Parcel(row.id, row.customsValue.toFixed(2), row.rate.toString(), Weight.of(row.weight.toNumber()))');
  });
});
