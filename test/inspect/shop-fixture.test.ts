import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverDomainFiles, inspectDomain } from '../../src/inspect/index.js';
import { entity, field, fieldSummary, valueObject } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/domains/shop');

describe('the shop fixture, read from disk', async () => {
  const files = await discoverDomainFiles(root, ['src/domain/**/*.ts']);
  const { model, diagnostics } = inspectDomain({ root, files });

  it('has no diagnostics and finds the entities, value objects, enums, ports and events', () => {
    expect(diagnostics).toEqual([]);
    expect(model.entities.map((e) => [e.name, e.style, e.isAggregateRoot])).toEqual([
      ['Category', 'interface', false],
      ['Customer', 'getters', true],
      ['Order', 'props-base', true],
      ['OrderLine', 'constructor-properties', false],
      ['Product', 'public-fields', false],
    ]);
    expect(model.valueObjects.map((v) => [v.name, v.shape.kind, v.identifies])).toEqual([
      ['Address', 'composite', undefined],
      ['CustomerId', 'single', 'Customer'],
      ['Email', 'single', undefined],
      ['Money', 'composite', undefined],
      ['OrderId', 'single', 'Order'],
      ['ProductId', 'single', 'Product'],
    ]);
    expect(model.enums.map((e) => [e.name, e.kind, e.members.map((m) => m.value).join(',')])).toEqual([
      ['CustomerTier', 'literal-union', 'standard,gold'],
      ['OrderStatus', 'ts-enum', 'pending,paid,shipped,cancelled'],
    ]);
    expect(model.repositoryPorts.map((p) => [p.name, p.entity, p.methods.length])).toEqual([
      ['CustomerRepository', 'Customer', 5],
      ['OrderRepository', 'Order', 6],
    ]);
    expect(model.events.map((e) => [e.name, e.eventType, e.aggregate])).toEqual([
      ['OrderPlaced', 'order.placed', 'Order'],
      ['OrderShipped', 'order.shipped', 'Order'],
    ]);
  });

  it('reads Order from its props interface in another file, with the id from the generic base', () => {
    const order = entity(model, 'Order');
    expect(order.source).toEqual({ file: 'src/domain/order/order.ts', line: 12, column: 14, exportName: 'Order' });
    expect(fieldSummary(order.fields)).toEqual([
      'id: identity OrderId->Order',
      'customerId: identity CustomerId->Customer',
      'status: enum OrderStatus',
      'lines: entity OrderLine[]',
      'shippingAddress: valueObject Address',
      'total: valueObject Money?',
      'note: string? null',
      'placedAt: Date',
    ]);
    expect(field(order, 'status').location).toEqual({ file: 'src/domain/order/order-props.ts', line: 9, column: 3 });
    expect(order.construction).toEqual({
      kind: 'static-factory',
      method: 'reconstitute',
      parameters: [
        { kind: 'field', field: 'id', optional: false },
        { kind: 'props', fields: ['customerId', 'status', 'lines', 'shippingAddress', 'total', 'note', 'placedAt'], typeName: 'OrderProps' },
      ],
    });
  });

  it('reads OrderLine, Customer and Product with their tags', () => {
    const line = entity(model, 'OrderLine');
    expect(fieldSummary(line.fields)).toEqual(['id: string', 'productId: identity ProductId->Product', 'quantity: number', 'unitPrice: number']);
    expect(field(line, 'unitPrice').tags).toEqual({ decimal: true });
    const customer = entity(model, 'Customer');
    expect(fieldSummary(customer.fields)).toEqual(['id: identity CustomerId->Customer', 'email: valueObject Email', 'name: string', 'tier: enum CustomerTier', 'createdAt: Date']);
    expect(field(customer, 'email').tags).toEqual({ unique: true });
    expect(field(customer, 'createdAt').tags).toEqual({ default: 'now()' });
    expect(customer.construction).toMatchObject({ kind: 'static-factory', method: 'reconstitute' });
    const product = entity(model, 'Product');
    expect(fieldSummary(product.fields)).toEqual(['id: string', 'name: string', 'sku: string', 'priceCents: number', 'tags: string[]', 'attributes: json', 'categories: entity Category[]']);
    expect(field(product, 'id').tags).toEqual({ id: true, default: 'uuid()' });
    expect(field(product, 'sku').tags).toEqual({ unique: true, db: 'VarChar(120)' });
    expect(fieldSummary(entity(model, 'Category').fields)).toEqual(['id: string', 'name: string', 'products: entity Product[]']);
  });

  it('reads Address as composite, Email and the ids as single string values', () => {
    const address = valueObject(model, 'Address');
    expect(address.shape.kind === 'composite' && fieldSummary(address.shape.fields)).toEqual(['street: string', 'city: string', 'postalCode: string', 'country: string']);
    expect(valueObject(model, 'Email')).toMatchObject({
      shape: { kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'value' } },
      construction: { kind: 'static-factory', method: 'create', parameters: [{ kind: 'field', field: 'value', optional: false }] },
    });
    const money = valueObject(model, 'Money');
    expect(money.shape.kind === 'composite' && money.shape.fields.map((f) => [f.name, f.tags])).toEqual([
      ['amount', { decimal: true }],
      ['currency', {}],
    ]);
    expect(valueObject(model, 'OrderId').construction).toEqual({ kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] });
  });

  it('lists the type references of the repository ports with their files', () => {
    const port = model.repositoryPorts.find((p) => p.name === 'OrderRepository');
    expect(port?.typeReferences).toEqual([
      { name: 'OrderId', file: 'src/domain/order/order-id.ts' },
      { name: 'Order', file: 'src/domain/order/order.ts' },
      { name: 'OrderStatus', file: 'src/domain/order/order-status.ts' },
      { name: 'CustomerId', file: 'src/domain/customer/customer-id.ts' },
    ]);
  });

  it('follows relative imports to files outside the globs', () => {
    const only = inspectDomain({ root, files: ['src/domain/order/order.ts'] });
    expect(only.diagnostics).toEqual([]);
    expect(only.model.entities.map((e) => e.name)).toEqual(['Order', 'OrderLine']);
    expect(only.model.events).toEqual([]);
    expect(only.model.repositoryPorts).toEqual([]);
    expect(fieldSummary(entity(only.model, 'Order').fields)).toContain('customerId: valueObject CustomerId');
    expect(only.model.valueObjects.map((v) => v.name)).toEqual(['Address', 'CustomerId', 'Money', 'OrderId', 'ProductId']);
  });
});
