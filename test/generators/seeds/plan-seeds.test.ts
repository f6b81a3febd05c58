import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { planSeeds } from '../../../src/generators/seeds/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { MemoryTree } from '../../../src/workspace/index.js';
import { shopSources } from '../../support/shop-sources.js';

const generatedRepositories = ['src/infrastructure/repos/prisma-customer.repository.ts', 'src/infrastructure/repos/prisma-order.repository.ts'];

function plan(entities: string[], repositories = generatedRepositories) {
  const { model } = inspectDomainSources(shopSources());
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const tree = new MemoryTree(Object.fromEntries(repositories.map((file) => [file, '// generated'])));
  return planSeeds({ domain: model, persistence, context, entities, count: 10, tree });
}

const dataOf = (result: ReturnType<typeof plan>, file: string) => result.files.find((planned) => planned.path === `src/infrastructure/db/seeds/${file}`)?.data as Record<string, unknown>;

describe('planSeeds on the shop domain', () => {
  it('seeds in foreign-key order, through the generated repositories where there are some', () => {
    const result = plan(['Customer', 'Order', 'Product', 'Category']);
    expect(result.diagnostics).toEqual([]);
    expect(result.steps).toEqual([
      { entity: 'Category', through: 'prisma' },
      { entity: 'Customer', through: 'repository' },
      { entity: 'Product', through: 'prisma' },
      { entity: 'Order', through: 'repository' },
    ]);
    expect(result.files.map((file) => [file.path, file.policy])).toEqual([
      ['src/infrastructure/db/seeds/category.seed.ts', 'owned'],
      ['src/infrastructure/db/seeds/customer.seed.ts', 'owned'],
      ['src/infrastructure/db/seeds/product.seed.ts', 'owned'],
      ['src/infrastructure/db/seeds/order.seed.ts', 'owned'],
      ['src/infrastructure/db/seeds/seed-all.ts', 'owned'],
      ['src/infrastructure/db/seeds/seed-helpers.ts', 'owned'],
      ['src/infrastructure/db/seeds/seed.ts', 'scaffold'],
    ]);
    expect(result.command).toBe('node --import jiti/register src/infrastructure/db/seeds/seed.ts');
  });

  it('adds what the requested aggregates reference, and seeds a child with its aggregate', () => {
    const result = plan(['OrderLine']);
    expect(result.steps.map((step) => step.entity)).toEqual(['Customer', 'Product', 'Order']);
    const notes = result.notes.map((note) => note.text);
    expect(notes).toContain('OrderLine is seeded with its aggregate Order');
    expect(notes).toContain('Customer is seeded too: Order references it');
    expect(notes).toContain('Product is seeded too: Order references it');
    expect(dataOf(result, 'seed-all.ts')['steps']).toEqual([
      { plural: 'customers', call: 'seedCustomers(prisma, counts.customers)' },
      { plural: 'products', call: 'seedProducts(prisma, counts.products)' },
      { plural: 'orders', call: 'seedOrders(prisma, counts.orders, { customers, products })' },
    ]);
    expect(dataOf(result, 'seed-all.ts')['clear']).toEqual(['orderLine', 'order', 'product', 'customer']);
  });

  it('builds a customer through its factory, with a unique email through the Email value object', () => {
    const customer = dataOf(plan(['Customer']), 'customer.seed.ts');
    expect(customer['builders']).toEqual([
      {
        name: 'buildCustomer',
        type: 'Customer',
        parameter: '',
        expression:
          "Customer.reconstitute(new CustomerId(faker.string.uuid()), Email.create(unique('Customer.email', () => faker.internet.email().toLowerCase())), faker.person.fullName(), faker.helpers.arrayElement(['standard', 'gold'] as const), faker.date.past({ years: 1 }))",
      },
    ]);
    expect(customer['key']).toBe('customerRecord(customer).id');
    expect(customer['imports']).toContain("import { PrismaCustomerRepository } from '../../repos/prisma-customer.repository.js';");
  });

  it('builds an order with its lines, its enum, its value objects and references picked among seeded keys', () => {
    const order = dataOf(plan(['Order']), 'order.seed.ts');
    const [build, line] = order['builders'] as { name: string; expression: string; parameter: string }[];
    expect(build!.parameter).toBe('refs: OrderSeedRefs');
    expect(build!.expression).toContain("customerId: new CustomerId(pick(refs.customers, 'Order.customerId'))");
    expect(build!.expression).toContain('status: faker.helpers.enumValue(OrderStatus)');
    expect(build!.expression).toContain('lines: faker.helpers.multiple(() => buildOrderLine(refs), { count: { min: 1, max: 4 } })');
    expect(build!.expression).toContain('shippingAddress: new Address(faker.location.streetAddress(), faker.location.city(), faker.location.zipCode(), faker.location.country())');
    expect(build!.expression).toContain('total: faker.helpers.maybe(() => Money.create({ amount: faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 }), currency: faker.finance.currencyCode() })');
    expect(build!.expression).toContain('note: faker.helpers.maybe(() => faker.lorem.sentence(), { probability: 0.8 }) ?? null');
    expect(line!.expression).toBe(
      "new OrderLine(faker.string.uuid(), new ProductId(pick(refs.products, 'OrderLine.productId')), faker.number.int({ min: 1, max: 10 }), faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 }))",
    );
    expect(order['refsFields']).toEqual(['customers: readonly string[]', 'products: readonly string[]']);
  });

  it('inserts an entity without repository with Prisma Client, linking many-to-many rows seeded before it', () => {
    const product = dataOf(plan(['Category', 'Product']), 'product.seed.ts');
    expect(product['partial']).toBe('db/seeds/_partials/save-through-prisma');
    expect(product['entries']).toEqual([
      'id: faker.string.uuid()',
      'name: faker.commerce.productName()',
      "sku: unique('Product.sku', () => faker.string.alphanumeric({ length: 10, casing: 'upper' }).slice(0, 120))",
      'priceCents: faker.number.int({ min: 100, max: 100_000 })',
      'tags: faker.helpers.multiple(() => faker.word.noun(), { count: { min: 1, max: 3 } })',
      'attributes: Object.fromEntries(faker.helpers.multiple(() => [faker.word.noun(), faker.word.adjective()] as const, { count: { min: 1, max: 3 } }))',
      'categories: { connect: pickSome(refs.categories).map((key) => ({ id: key })) }',
    ]);
  });

  it('stops when a repository it could seed through has not been generated', () => {
    const result = plan(['Order'], []);
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message, diagnostic.hint])).toEqual([
      ['IG502', 'Customer has no generated repository to seed through', 'run `infragen generate repo Customer` first'],
      ['IG502', 'Order has no generated repository to seed through', 'run `infragen generate repo Order` first'],
    ]);
  });
});
