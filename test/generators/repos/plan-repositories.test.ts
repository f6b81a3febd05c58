import { describe, expect, it } from 'vitest';
import { templateData } from '../../support/planned-files.js';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { shopSources } from '../../support/shop-sources.js';


function plan(sources: Record<string, string>, context: Partial<ProjectContext> = {}, entities = ['Customer', 'Order'], scaffoldPorts = false) {
  const { model } = inspectDomainSources(sources);
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const ctx: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql', ...context };
  return planRepositories({ domain: model, persistence, context: ctx, entities, scaffoldPorts });
}

const dataOf = (files: ReturnType<typeof plan>['files'], file: string) => templateData(files.find((planned) => planned.path === file)) as Record<string, unknown>;

describe('planRepositories', () => {
  it('plans a repository and a mapper per aggregate, and the shared pagination module', () => {
    const { files, diagnostics } = plan(shopSources());
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => [file.path, file.policy])).toEqual([
      ['src/infrastructure/repos/customer.mapper.ts', 'owned'],
      ['src/infrastructure/repos/prisma-customer.repository.ts', 'owned'],
      ['src/infrastructure/repos/order.mapper.ts', 'owned'],
      ['src/infrastructure/repos/prisma-order.repository.ts', 'owned'],
      ['src/infrastructure/repos/pagination.ts', 'owned'],
      // A repository with children checks a failed insert of them with concurrency.ts's isKeyViolation.
      ['src/infrastructure/repos/concurrency.ts', 'owned'],
      ['src/infrastructure/repos/child-changes.ts', 'owned'],
      ['src/infrastructure/repos/child-writes.ts', 'owned'],
    ]);
  });

  it('imports the domain through the project’s path aliases', () => {
    const { files } = plan(shopSources(), { pathAliases: [{ pattern: '@domain/*', target: 'src/domain/*' }] });
    const imports = dataOf(files, 'src/infrastructure/repos/prisma-order.repository.ts')['imports'] as string[];
    expect(imports).toContain("import type { OrderRepository } from '@domain/order/order-repository.js';");
    expect(imports).toContain("import type { Prisma, PrismaClient } from '../db/generated/prisma/client.js';");
  });

  it('generates a method it cannot derive as "not implemented", and lists it', () => {
    const port = `import type { Order } from './order.js';
import type { OrderId } from './order-id.js';

export interface OrderRepository {
  findById(id: OrderId): Promise<Order | null>;
  nextIdentity(): OrderId;
  findRecentlyTrending(limit: number): Promise<Order[]>;
  findByStatus(status: string, extra: number): Promise<Order[]>;
}
`;
    const { diagnostics, files } = plan(shopSources({ 'src/domain/order/order-repository.ts': port }));
    const notImplemented = diagnostics.filter((diagnostic) => diagnostic.code === 'IG402');
    expect(notImplemented.map((diagnostic) => [diagnostic.severity, diagnostic.message.split(' ')[0]])).toEqual([
      ['warning', 'PrismaOrderRepository.nextIdentity'],
      ['warning', 'PrismaOrderRepository.findRecentlyTrending'],
      ['warning', 'PrismaOrderRepository.findByStatus'],
    ]);
    expect(notImplemented[0]!.location).toMatchObject({ file: 'src/domain/order/order-repository.ts', line: 6 });
    const methods = dataOf(files, 'src/infrastructure/repos/prisma-order.repository.ts')['methods'] as { name: string; kind: string }[];
    expect(methods.map((method) => [method.name, method.kind])).toEqual([
      ['findById', 'find-one'],
      ['nextIdentity', 'not-implemented'],
      ['findRecentlyTrending', 'not-implemented'],
      ['findByStatus', 'not-implemented'],
      ['save', 'save'],
      ['delete', 'delete'],
      ['exists', 'exists'],
      ['count', 'count'],
      ['findPage', 'find-page'],
    ]);
  });

  it('writes nothing into the domain when a port is missing: the repository implements no interface, and a note says how to get one', () => {
    const sources = shopSources();
    delete sources['src/domain/customer/customer-repository.ts'];
    const { files, notes } = plan(sources);
    expect(files.filter((file) => file.path.startsWith('src/domain/'))).toEqual([]);
    const data = dataOf(files, 'src/infrastructure/repos/prisma-customer.repository.ts');
    expect(data['portName']).toBeUndefined();
    expect((data['imports'] as string[]).join('\n')).not.toContain('customer-repository');
    expect((data['methods'] as { name: string }[]).map((method) => method.name)).toEqual(['findById', 'save', 'delete', 'exists', 'count', 'findPage']);
    expect(notes.map((note) => note.text)).toContainEqual(expect.stringContaining('Customer has no repository port in the domain'));
    expect(notes.map((note) => note.text)).toContainEqual(expect.stringContaining('--scaffold-ports (or "scaffoldPorts": true) writes one to src/domain/customer/customer-repository.ts'));
  });

  it('writes a port in the domain when there is none and it is asked to (--scaffold-ports), and implements it', () => {
    const sources = shopSources();
    delete sources['src/domain/customer/customer-repository.ts'];
    const { files } = plan(sources, {}, ['Customer', 'Order'], true);
    const port = files.find((file) => file.path === 'src/domain/customer/customer-repository.ts');
    expect(port).toMatchObject({ policy: 'scaffold', template: 'repos/repository-port.ts.hbs' });
    expect((templateData(port) as { signatures: string[] }).signatures).toEqual([
      'findById(id: CustomerId): Promise<Customer | null>',
      'save(customer: Customer): Promise<void>',
      'delete(id: CustomerId): Promise<void>',
      'exists(id: CustomerId): Promise<boolean>',
      'count(): Promise<number>',
    ]);
  });

  it('reads what a port method takes and returns from its types, however the lists and absences are written', () => {
    const port = `import type { CustomerId } from '../customer/customer-id.js';
import type { Order } from './order.js';
import type { OrderId } from './order-id.js';

export interface OrderRepository {
  findById(id: OrderId): Promise<Order | undefined>;
  findAllByIdIn(ids: ReadonlyArray<OrderId>): Promise<ReadonlyArray<Order>>;
  findAllByCustomerIdIn(customerIds: Array<CustomerId>): Promise<readonly Order[]>;
  saveAll(orders: readonly Order[]): Promise<void>;
  countByCustomerId(customerId: CustomerId): Promise<number>;
  deleteByCustomerId(customerId: CustomerId): Promise<number | null>;
}
`;
    const { files } = plan(shopSources({ 'src/domain/order/order-repository.ts': port }));
    const methods = dataOf(files, 'src/infrastructure/repos/prisma-order.repository.ts')['methods'] as Record<string, unknown>[];
    const byName = (name: string) => methods.find((method) => method.name === name);
    expect(byName('findById')).toMatchObject({ kind: 'find-one', empty: 'undefined', signature: 'findById(id: OrderId): Promise<Order | undefined>' });
    expect(byName('findAllByIdIn')).toMatchObject({ kind: 'find-many', where: '{ id: { in: ids.map((item) => item.value) } }' });
    expect(byName('findAllByCustomerIdIn')).toMatchObject({ kind: 'find-many', where: '{ customerId: { in: customerIds.map((item) => item.value) } }' });
    expect(byName('saveAll')).toMatchObject({ kind: 'save', many: true });
    expect(byName('countByCustomerId')).toMatchObject({ kind: 'count', where: '{ customerId: customerId.value }' });
    // Returning nothing from a `Promise<number | null>` would not compile: the count is returned.
    expect(byName('deleteByCustomerId')).toMatchObject({ kind: 'delete', returnsCount: true });
  });

  it('refuses an aggregate it cannot rebuild, naming the field', () => {
    const { diagnostics, files } = plan(shopSources(), {}, ['Product']);
    expect(files).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'IG401', severity: 'error', location: { file: 'src/domain/catalog/product.ts' } }]);
    expect(diagnostics[0]!.message).toContain('Product.categories');
  });
});

describe('planRepositories, nested owned children', () => {
  it('refuses an aggregate whose children own children, naming the chain, instead of saving half of it', () => {
    const sources = shopSources({
      'src/domain/order/line-note.ts': 'export class LineNote {\n  constructor(readonly id: string, readonly text: string) {}\n}\n',
      'src/domain/order/order-line.ts': `import type { ProductId } from '../catalog/product-id.js';
import type { LineNote } from './line-note.js';

export class OrderLine {
  constructor(
    readonly id: string,
    readonly productId: ProductId,
    readonly quantity: number,
    /** @decimal */
    readonly unitPrice: number,
    readonly notes: LineNote[],
  ) {}
}
`,
    });
    const { diagnostics } = plan(sources, {}, ['Order']);
    expect(diagnostics).toMatchObject([{ code: 'IG401', location: { file: 'src/domain/order/order-line.ts' } }]);
    expect(diagnostics[0]!.message).toContain('Order.lines holds OrderLine objects, which hold LineNote objects in turn (OrderLine.notes)');
  });
});
