import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../../src/config/options.js';
import { planPersistence } from '../../src/model/persistence/index.js';
import { domain, entity, field, shopDomain, t } from '../support/domain-builders.js';

const options = (raw: object = {}) => optionsSchema.parse(raw);

describe('planPersistence', () => {
  it('names tables and columns by the naming options', () => {
    const { persistence } = planPersistence(shopDomain(), options({ naming: { tableCase: 'pascal', pluralTables: false, columnCase: 'camel' } }));
    const line = persistence.models.find((model) => model.name === 'OrderLine')!;
    expect(line.names).toMatchObject({ class: 'OrderLine', property: 'orderLine', plural: 'orderLines', file: 'order-line', table: 'OrderLine' });
    expect(line.fields.find((f) => f.name === 'unitPrice')).not.toHaveProperty('column');
  });

  it('records where every column comes from, for the mappers', () => {
    const { persistence } = planPersistence(shopDomain(), options());
    const order = persistence.models.find((model) => model.name === 'Order')!;
    const origins = Object.fromEntries(order.fields.flatMap((f) => (f.kind === 'column' ? [[f.name, f.origin]] : [])));
    expect(origins['id']).toEqual({ kind: 'valueObject', path: { field: 'id' }, valueObject: 'OrderId' });
    expect(origins['shippingAddressCity']).toEqual({ kind: 'value', path: { field: 'shippingAddress', part: 'city' } });
    const line = persistence.models.find((model) => model.name === 'OrderLine')!;
    expect(line.owner).toBe('Order');
    expect(line.fields.find((f) => f.name === 'orderId')).toMatchObject({ origin: { kind: 'ownerKey', owner: 'Order', ownerField: 'lines' } });
    expect(order.fields.find((f) => f.name === 'lines')).toMatchObject({ kind: 'relation', owned: true, domain: { kind: 'entity', field: 'lines' } });
  });

  it('stores composite value objects as one Json column when asked', () => {
    const { persistence } = planPersistence(shopDomain(), options({ valueObjectStorage: 'json' }));
    const order = persistence.models.find((model) => model.name === 'Order')!;
    expect(order.fields.find((f) => f.name === 'shippingAddress')).toMatchObject({ type: 'Json', origin: { kind: 'json', valueObject: 'Address' } });
  });

  it('names relations when two join the same models', () => {
    const model = domain({
      entities: [
        entity('User', [field('id', t.string())]),
        entity('Transfer', [field('id', t.string()), field('sender', t.entity('User')), field('receiver', t.entity('User'), { optional: true })]),
      ],
    });
    const { persistence, diagnostics } = planPersistence(model, options());
    expect(diagnostics).toEqual([]);
    const user = persistence.models.find((m) => m.name === 'User')!;
    expect(user.fields.map((f) => f.name)).toEqual(['id', 'transfersAsSender', 'transfersAsReceiver']);
    const transfer = persistence.models.find((m) => m.name === 'Transfer')!;
    expect(transfer.fields.find((f) => f.name === 'receiver')).toMatchObject({ relationName: 'TransferReceiver', optional: true, foreignKey: { fields: ['receiverId'], onDelete: 'SetNull' } });
  });

  it('reports a missing id, a shared table and an invalid name, all at once', () => {
    const model = domain({
      entities: [
        entity('Thing', [field('name', t.string())]),
        entity('User', [field('id', t.string())], { table: 'people' }),
        entity('Person', [field('id', t.string())], { table: 'people' }),
        entity('Café', [field('id', t.string())]),
      ],
    });
    const { diagnostics } = planPersistence(model, options());
    expect(diagnostics.map((d) => d.code)).toEqual(['IG201', 'IG203', 'IG202']);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', location: { file: 'src/domain/thing.ts' } });
    expect(diagnostics[2]!.message).toContain('"people"');
  });

  it('refuses fields named like members every object has, which Prisma Client types cannot hold', () => {
    const model = domain({ entities: [entity('Setting', [field('id', t.string()), field('toString', t.string()), field('constructor', t.string())])] });
    const { diagnostics } = planPersistence(model, options());
    expect(diagnostics.map((d) => [d.code, d.message.split(' is ')[0]])).toEqual([
      ['IG203', 'field "toString" of Setting'],
      ['IG203', 'field "constructor" of Setting'],
    ]);
    expect(diagnostics[0]!.hint).toContain('rename the field');
  });
});
