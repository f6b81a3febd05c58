import { describe, expect, it } from 'vitest';
import { templateData } from '../../support/planned-files.js';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { createRenderer } from '../../../src/render/index.js';

// A small catalog: a product keyed by its sku (not `id`), a value object, an enum column, an identity.
const domain = {
  'src/domain/product-name.ts': 'export class ProductName {\n  constructor(readonly value: string) {}\n}\n',
  'src/domain/category-id.ts': 'export class CategoryId {\n  constructor(readonly value: string) {}\n}\n',
  'src/domain/category.ts': `import type { CategoryId } from './category-id.js';
export class Category {
  constructor(readonly id: CategoryId, readonly title: string) {}
}
`,
  'src/domain/product-status.ts': "export enum ProductStatus {\n  Draft = 'draft',\n  Published = 'published',\n}\n",
  'src/domain/product.ts': `import type { CategoryId } from './category-id.js';
import type { ProductName } from './product-name.js';
import type { ProductStatus } from './product-status.js';
export class Product {
  constructor(
    /** @id */
    readonly sku: string,
    /** @unique */
    readonly name: ProductName,
    readonly status: ProductStatus,
    readonly categoryId: CategoryId,
  ) {}
}
`,
};

function plan(port: string, extra: Record<string, string> = {}, entities = ['Product']) {
  const { model, diagnostics } = inspectDomainSources({ ...domain, 'src/domain/product-repository.ts': port, ...extra });
  expect(diagnostics).toEqual([]);
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  return planRepositories({ domain: model, persistence, context, entities });
}

type Method = Record<string, unknown> & { name: string; kind: string };
const repositoryFile = 'src/infrastructure/repos/prisma-product.repository.ts';
const methodsOf = (result: ReturnType<typeof plan>) => (templateData(result.files.find((file) => file.path === repositoryFile)) as { methods: Method[] }).methods;
const method = (result: ReturnType<typeof plan>, name: string) => methodsOf(result).find((candidate) => candidate.name === name);
const rendered = (result: ReturnType<typeof plan>) => {
  const file = result.files.find((candidate) => candidate.path === repositoryFile)!;
  return (createRenderer({ projectRoot: '/p' }).render(file) as { content: string }).content;
};

const imports = `import type { CategoryId } from './category-id.js';
import type { Product } from './product.js';
import type { ProductName } from './product-name.js';
`;

describe('repository methods for a key not called id', () => {
  it('implements findById, delete and exists on the @id field, and the conventional ones take it by its name', () => {
    const result = plan(`${imports}export interface ProductRepository {
  save(product: Product): Promise<void>;
  findById(id: string): Promise<Product | null>;
  delete(sku: string): Promise<void>;
  exists(sku: string): Promise<boolean>;
}
`);
    expect(result.diagnostics).toEqual([]);
    expect(method(result, 'findById')).toMatchObject({ kind: 'find-one', where: '{ sku: id }', finder: 'findUnique', keyArgument: 'key' });
    expect(method(result, 'delete')).toMatchObject({ kind: 'delete', where: '{ sku }', keyArgument: 'key' });
    expect(method(result, 'exists')).toMatchObject({ kind: 'exists', where: '{ sku }' });
  });

  it('adds the conventional methods it lacks, named after the key', () => {
    const result = plan(`${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n}\n`);
    expect(method(result, 'findById')).toMatchObject({ kind: 'find-one', signature: 'findById(sku: string): Promise<Product | null>', where: '{ sku }' });
    expect(method(result, 'delete')).toMatchObject({ kind: 'delete', where: '{ sku }' });
  });

  it('works the same with a value-object key not called id (sku: Sku)', () => {
    const { model, diagnostics } = inspectDomainSources({
      'src/domain/sku.ts': 'export class Sku {\n  constructor(readonly value: string) {}\n}\n',
      'src/domain/item.ts':
        "import type { Sku } from './sku.js';\nexport class Item {\n  constructor(\n    /** @id */\n    readonly sku: Sku,\n    readonly title: string,\n  ) {}\n}\n",
      'src/domain/item-repository.ts':
        "import type { Item } from './item.js';\nimport type { Sku } from './sku.js';\nexport interface ItemRepository {\n  save(item: Item): Promise<void>;\n  search(sku: Sku): Promise<Item | null>;\n  remove(item: Item): Promise<void>;\n}\n",
    });
    expect(diagnostics).toEqual([]);
    const options = defaultOptions();
    const { persistence } = planPersistence(model, options);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const result = planRepositories({ domain: model, persistence, context, entities: ['Item'] });
    const methods = (templateData(result.files.find((file) => file.path.endsWith('prisma-item.repository.ts'))) as { methods: Method[] }).methods;
    const named = (name: string) => methods.find((candidate) => candidate.name === name);
    expect(named('search')).toMatchObject({ kind: 'find-one', where: '{ sku: sku.value }', finder: 'findUnique' });
    expect(named('remove')).toMatchObject({ kind: 'delete', where: '{ sku: item.sku.value }', keyArgument: 'entity' });
    expect(named('exists')).toMatchObject({ kind: 'exists', signature: 'exists(sku: Sku): Promise<boolean>', where: '{ sku: sku.value }' });
  });

  it('deletes by the key of an aggregate passed whole (remove(product: Product)), and says it takes the aggregate', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  remove(product: Product): Promise<void>;\n}\n`,
    );
    expect(method(result, 'remove')).toMatchObject({ kind: 'delete', where: '{ sku: product.sku }', keyArgument: 'entity' });
    // remove plays the delete role: no second delete by key is added.
    expect(methodsOf(result).map((candidate) => candidate.name)).not.toContain('delete');
  });
});

describe('repository methods read from their signature', () => {
  it('finds by key, lists all and counts when the name says nothing derivable; lists only what stays ambiguous', () => {
    const result = plan(
      `${imports}import type { Criteria } from './criteria.js';
export interface ProductRepository {
  save(product: Product): Promise<void>;
  search(sku: string): Promise<Product | null>;
  searchAll(): Promise<Product[]>;
  ofName(name: ProductName): Promise<Product | undefined>;
  total(): Promise<number>;
  matching(criteria: Criteria): Promise<Product[]>;
}
`,
      { 'src/domain/criteria.ts': 'export interface Criteria { filters: string[] }\n' },
    );
    expect(method(result, 'search')).toMatchObject({ kind: 'find-one', where: '{ sku }', keyArgument: 'key' });
    expect(method(result, 'searchAll')).toMatchObject({ kind: 'find-many' });
    expect(method(result, 'searchAll')!['where']).toBeUndefined();
    expect(method(result, 'ofName')).toMatchObject({ kind: 'find-one', where: '{ name: name.value }', empty: 'undefined' });
    expect(method(result, 'total')).toMatchObject({ kind: 'count' });
    expect(method(result, 'matching')).toMatchObject({ kind: 'not-implemented' });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message.split(' ')[0]])).toEqual([
      ['IG402', 'PrismaProductRepository.matching'],
    ]);
    // search plays findById's role: the conventional findById is not added beside it.
    expect(methodsOf(result).map((candidate) => candidate.name)).not.toContain('findById');
  });

  it('reads only names that say nothing more than the signature (forCategory, productsOf yes; findUpcomingFor, purgeExpired no)', () => {
    const result = plan(`${imports}import type { Category } from './category.js';
export interface ProductRepository {
  save(product: Product): Promise<void>;
  forCategory(category: Category): Promise<Product[]>;
  findUpcomingFor(category: Category): Promise<Product[]>;
  purgeExpired(): Promise<number>;
  lookupAll(): Promise<Product[]>;
  productsOf(category: Category): Promise<Product[]>;
}
`);
    expect(method(result, 'forCategory')).toMatchObject({ kind: 'find-many', where: '{ categoryId: category.id.value }' });
    expect(method(result, 'findUpcomingFor')).toMatchObject({ kind: 'not-implemented' });
    expect(method(result, 'purgeExpired')).toMatchObject({ kind: 'not-implemented' });
    expect(method(result, 'lookupAll')).toMatchObject({ kind: 'find-many' });
    expect(method(result, 'productsOf')).toMatchObject({ kind: 'find-many', where: '{ categoryId: category.id.value }' });
  });

  it('does not take a parameter named like a property for it when its type cannot be compared with the column', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  search(sku: number): Promise<Product | null>;\n}\n`,
    );
    expect(method(result, 'search')).toMatchObject({ kind: 'not-implemented' });
  });

  it('reads a list parameter as one of its values (listByCategoryIds(categoryIds: string[]), withNames(names: ProductName[]))', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  listByCategoryIds(categoryIds: string[]): Promise<Product[]>;\n  withNames(names: ProductName[]): Promise<Product[]>;\n}\n`,
    );
    expect(method(result, 'listByCategoryIds')).toMatchObject({ kind: 'find-many', where: '{ categoryId: { in: categoryIds } }' });
    expect(method(result, 'withNames')).toMatchObject({ kind: 'find-many', where: '{ name: { in: names.map((item) => item.value) } }' });
  });

  it('finds by the key of another aggregate type (search(id: CategoryId)) through its value', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  search(categoryId: CategoryId): Promise<Product[]>;\n}\n`,
    );
    expect(method(result, 'search')).toMatchObject({ kind: 'find-many', where: '{ categoryId: categoryId.value }' });
  });
});

describe('repository method parameters', () => {
  it('unwraps a value-object parameter through its column (exists(name: ProductName))', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  exists(name: ProductName): Promise<boolean>;\n  findByName(name: ProductName): Promise<Product | null>;\n}\n`,
    );
    expect(method(result, 'exists')).toMatchObject({ kind: 'exists', where: '{ name: name.value }' });
    expect(method(result, 'findByName')).toMatchObject({ kind: 'find-one', where: '{ name: name.value }', finder: 'findUnique' });
  });

  it('unwraps another aggregate passed whole to the identity its column holds (findByCategory(category: Category))', () => {
    const result = plan(`${imports}import type { Category } from './category.js';
export interface ProductRepository {
  save(product: Product): Promise<void>;
  findByCategory(category: Category): Promise<Product[]>;
  findAllByCategoryIdIn(categories: Category[]): Promise<Product[]>;
}
`);
    expect(method(result, 'findByCategory')).toMatchObject({ kind: 'find-many', where: '{ categoryId: category.id.value }' });
    expect(method(result, 'findAllByCategoryIdIn')).toMatchObject({
      kind: 'find-many',
      where: '{ categoryId: { in: categories.map((item) => item.id.value) } }',
    });
  });

  it('checks and converts a string compared with an enum column, and refuses a number', () => {
    const result = plan(`${imports}export interface ProductRepository {
  save(product: Product): Promise<void>;
  findByStatus(status: string): Promise<Product[]>;
  findAllByStatusIn(statuses: string[]): Promise<Product[]>;
  countByStatus(status: number): Promise<number>;
}
`);
    expect(method(result, 'findByStatus')).toMatchObject({
      kind: 'find-many',
      where: "{ status: enumMember({ 'draft': 'draft', 'published': 'published' } as const, status, 'ProductStatus') }",
      helpers: ['enumMember'],
    });
    expect(method(result, 'findAllByStatusIn')!['where']).toBe(
      "{ status: { in: statuses.map((item) => enumMember({ 'draft': 'draft', 'published': 'published' } as const, item, 'ProductStatus')) } }",
    );
    expect(method(result, 'countByStatus')).toMatchObject({ kind: 'not-implemented' });
    expect(result.files.map((file) => file.path)).toContain('src/infrastructure/repos/enum-member.ts');
    expect(rendered(result)).toContain("import { enumMember } from './enum-member.js';");
  });
});

describe('repository saves and ports as declared', () => {
  it('saves a batch through the single save’s upsert, in one transaction', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  persist(product: Product): Promise<void>;\n  persistAll(products: readonly Product[]): Promise<void>;\n}\n`,
    );
    expect(method(result, 'persistAll')).toMatchObject({ kind: 'save', many: true });
    const text = rendered(result);
    expect(text).toContain('await this.writeProduct(this.prisma, product);');
    expect(text).toMatch(/await this\.prisma\.\$transaction\(async \(tx\) => \{\n\s+for \(const item of products\) await this\.writeProduct\(tx, item\);/);
    expect(text).toContain('private async writeProduct(db: Prisma.TransactionClient, product: Product): Promise<void> {');
    expect(text).not.toContain('this.save(');
  });

  it('returns what the port declares: the saved aggregate, whether a delete removed a row, the aggregate itself or an error', () => {
    const result = plan(`${imports}export interface ProductRepository {
  save(product: Product): Promise<Product>;
  saveAll(products: Product[]): Promise<Product[]>;
  findById(sku: string): Promise<Product>;
  delete(sku: string): Promise<boolean>;
  store(product: Product): Promise<boolean>;
  remove(product: Product): Promise<Product>;
}
`);
    expect(method(result, 'save')).toMatchObject({ kind: 'save', returnsSaved: true });
    expect(method(result, 'saveAll')).toMatchObject({ kind: 'save', many: true, returnsSaved: true });
    expect(method(result, 'findById')).toMatchObject({ kind: 'find-one', notFound: "'findById: no Product matches'" });
    expect(method(result, 'delete')).toMatchObject({ kind: 'delete', returnsCount: false, returnsDeleted: true });
    expect(method(result, 'store')).toMatchObject({ kind: 'not-implemented' });
    expect(method(result, 'remove')).toMatchObject({ kind: 'not-implemented' });
    const text = rendered(result);
    expect(text).toMatch(/async save\(product: Product\): Promise<Product> \{\n\s+await this\.writeProduct\(this\.prisma, product\);\n\s+return product;/);
    expect(text).toMatch(/if \(!row\) throw new Error\('findById: no Product matches'\);\n\s+return toProduct\(row\);/);
    expect(text).toMatch(/const \{ count \} = await this\.prisma\.product\.deleteMany\(\{ where: \{ sku \} \}\);\n\s+return count > 0;/);
  });

  it('generates a synchronous port method without async (which would not compile), with a located warning', () => {
    const result = plan(`${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n  nextSku(): string;\n}\n`);
    expect(method(result, 'nextSku')).toMatchObject({ kind: 'not-implemented', sync: true });
    expect(rendered(result)).toMatch(/\n {2}nextSku\(\): string \{\n\s+throw new Error/);
    const [warning] = result.diagnostics;
    expect(warning).toMatchObject({ code: 'IG402', severity: 'warning', location: { file: 'src/domain/product-repository.ts', line: 6 } });
    expect(warning!.hint).toContain('returning a Promise');
  });

  it('extends an abstract-class port (imported as a value), calls super(), and leaves its concrete methods alone', () => {
    const result = plan(`${imports}export abstract class ProductRepository {
  abstract save(product: Product): Promise<void>;
  abstract findById(sku: string): Promise<Product | undefined>;
  async exists(sku: string): Promise<boolean> {
    return (await this.findById(sku)) !== undefined;
  }
}
`);
    expect(methodsOf(result).map((candidate) => candidate.name)).not.toContain('exists');
    const text = rendered(result);
    expect(text).toContain('export class PrismaProductRepository extends ProductRepository {');
    expect(text).toContain("import { ProductRepository } from '../../domain/product-repository.js';");
    expect(text).toMatch(/constructor\(prisma: PrismaClient\) \{\n\s+super\(\);\n\s+this\.prisma = prisma;/);
  });

  it('refuses, naming the port, an abstract-class port it can neither extend (constructor arguments) nor implement (non-public members)', () => {
    const result = plan(`${imports}export abstract class ProductRepository {
  constructor(protected readonly table: string) {}
  abstract save(product: Product): Promise<void>;
}
`);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'IG401', severity: 'error' }]);
    expect(result.diagnostics[0]!.message).toContain('neither extend ProductRepository (src/domain/product-repository.ts:4)');
  });

  it('uses Prisma’s delegate name for a model named in capitals (SKU → prisma.sKU) and recognises SkuRepository', () => {
    const result = plan(
      `${imports}export interface ProductRepository {\n  save(product: Product): Promise<void>;\n}\n`,
      {
        'src/domain/sku.ts': 'export class SKU {\n  constructor(readonly id: string, readonly warehouse: string) {}\n}\n',
        'src/domain/sku-repository.ts':
          "import type { SKU } from './sku.js';\nexport interface SkuRepository {\n  save(sku: SKU): Promise<void>;\n  search(id: string): Promise<SKU | null>;\n}\n",
      },
      ['SKU'],
    );
    const file = result.files.find((candidate) => candidate.path === 'src/infrastructure/repos/prisma-sku.repository.ts')!;
    const text = (createRenderer({ projectRoot: '/p' }).render(file) as { content: string }).content;
    expect(text).toContain('export class PrismaSKURepository implements SkuRepository {');
    expect(text).toContain('this.prisma.sKU.findUnique({ where: { id } })');
  });
});
