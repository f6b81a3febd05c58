import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { PrismaSchemaGenerator } from '../../../src/generators/prisma-schema/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import { lintSchema } from '../../../src/prisma/schema-wasm.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { MemoryTree } from '../../../src/workspace/index.js';
import { shopDomain } from '../../support/domain-builders.js';

const context: ProjectContext = { root: '/project', options: defaultOptions(), moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };

function plan(existing?: string, entities = ['Customer', 'Order', 'OrderLine', 'Product', 'Category']) {
  const { persistence, diagnostics } = planPersistence(shopDomain(), context.options);
  expect(diagnostics).toEqual([]);
  const tree = new MemoryTree(existing === undefined ? {} : { 'prisma/schema.prisma': existing });
  return new PrismaSchemaGenerator().plan({ persistence, context, tree, entities });
}

function generate(existing?: string, entities?: string[]): string {
  const { files, diagnostics } = plan(existing, entities);
  expect(diagnostics).toEqual([]);
  const [file] = files;
  return file && 'content' in file ? file.content : '';
}

describe('PrismaSchemaGenerator', () => {
  it('never switches an existing datasource of another provider to PostgreSQL: the run is refused at its provider line', () => {
    const existing = 'generator client {\n  provider = "prisma-client"\n}\n\ndatasource db {\n  provider = "mysql"\n}\n\nmodel Legacy {\n  id Int @id\n}\n';
    const { files, diagnostics } = plan(existing);
    expect(files).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'IG305', severity: 'error', location: { file: 'prisma/schema.prisma', line: 6, column: 3 }, message: expect.stringContaining('mysql') }),
    ]);
    expect(generate('datasource db {\n  provider = "postgres"\n}\n')).toContain('provider = "postgres"');
  });

  it('writes a valid Prisma 7 schema for the shop', () => {
    const schema = generate();
    expect(lintSchema(schema)).toEqual([]);
    expect(schema).toContain('generator client {\n  provider            = "prisma-client"\n  output              = "../src/infrastructure/db/generated/prisma"\n  moduleFormat        = "esm"\n  importFileExtension = "js"\n}');
    expect(schema).toContain('datasource db {\n  provider = "postgresql"\n}');
    expect(schema).not.toMatch(/url\s*=/);
  });

  it('has the client import its own files with `.ts` in a project that imports `.ts` files', () => {
    const { persistence } = planPersistence(shopDomain(), context.options);
    const plan = new PrismaSchemaGenerator().plan({ persistence, context: { ...context, importSuffix: '.ts' }, tree: new MemoryTree({}), entities: ['Customer'] });
    const [file] = plan.files;
    expect(file && 'content' in file ? file.content : '').toMatch(/moduleFormat\s+= "esm"\n\s+importFileExtension = "ts"/);
  });

  it('prints the order with its customer relation, embedded address columns, enum default and owned lines', () => {
    const order = /model Order \{[^}]*\}/.exec(generate())![0];
    expect(order).toMatch(/id\s+String\s+@id @default\(uuid\(\)\)/);
    expect(order).toMatch(/customerId\s+String\s+@map\("customer_id"\)/);
    expect(order).toMatch(/customer\s+Customer\s+@relation\(fields: \[customerId\], references: \[id\]\)/);
    expect(order).toMatch(/status\s+OrderStatus\s+@default\(pending\)/);
    expect(order).toMatch(/lines\s+OrderLine\[\]/);
    expect(order).toMatch(/shippingAddressStreet\s+String\s+@map\("shipping_address_street"\)/);
    expect(order).toMatch(/shippingAddressPostalCode\s+String\?\s+@map\("shipping_address_postal_code"\)/);
    expect(order).toMatch(/note\s+String\?/);
    expect(order).toContain('@@index([customerId])');
    expect(order).toContain('@@map("orders")');
  });

  it('gives a child entity the back-reference its aggregate needs, deleted with it', () => {
    const line = /model OrderLine \{[^}]*\}/.exec(generate())![0];
    expect(line).toMatch(/orderId\s+String\s+@map\("order_id"\)/);
    expect(line).toMatch(/order\s+Order\s+@relation\(fields: \[orderId\], references: \[id\], onDelete: Cascade\)/);
    expect(line).toMatch(/unitPrice\s+Decimal/);
    expect(line).toContain('@@map("order_lines")');
  });

  it('maps enums, scalar lists, Json, native types and many-to-many', () => {
    const schema = generate();
    expect(schema).toMatch(/enum OrderStatus \{\n\s+pending\n\s+paid\n\s+shipped\n\s+@@map\("order_status"\)\n\}/);
    expect(schema).toMatch(/tags\s+String\[\]/);
    expect(schema).toMatch(/attributes\s+Json/);
    expect(schema).toMatch(/categories\s+Category\[\]/);
    expect(schema).toMatch(/products\s+Product\[\]/);
    expect(schema).toMatch(/name\s+String\s+@db\.VarChar\(80\)/);
    expect(/model Customer \{[^}]*\}/.exec(schema)![0]).toMatch(/orders\s+Order\[\]/);
  });

  it('merges into an existing schema, keeping what the user wrote byte for byte, and is idempotent', () => {
    const userBlock = '/// Kept by hand\nmodel AuditLog {\n  id      Int    @id @default(autoincrement()) // why\n  message String\n}';
    const existing = `// The team's schema\ngenerator client {\n  provider = "prisma-client"\n  output   = "../generated"\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n\n${userBlock}\n\nmodel Order {\n  id String @id\n}\n`;
    const merged = generate(existing);
    expect(merged).toContain(userBlock);
    expect(merged).toContain('// The team\'s schema');
    expect(merged).toContain('output   = "../generated"');
    expect(merged.match(/generator client/g)).toHaveLength(1);
    expect(merged.match(/model Order \{/g)).toHaveLength(1);
    expect(merged).toMatch(/model Order \{[^}]*customerId/);
    expect(generate(merged)).toBe(merged);
  });

  it('regenerates only the selected entities, adding the models they relate to when missing', () => {
    const schema = generate(undefined, ['OrderLine']);
    expect(schema).toContain('model OrderLine {');
    expect(schema).toContain('model Order {');
    expect(lintSchema(schema)).toEqual([]);
  });

  it('refuses an existing schema it cannot parse, planning nothing', () => {
    const result = plan('model {{{');
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'IG301', severity: 'error', location: { file: 'prisma/schema.prisma', line: 1 } }]);
  });

  it('points a problem Prisma finds in a generated model at the domain field it stores, not at the unwritten schema', () => {
    const { persistence } = planPersistence(shopDomain(), context.options);
    const customer = persistence.models.find((model) => model.name === 'Customer')!;
    const target = customer.fields.find((field) => field.kind === 'column' && !field.id && field.type === 'String')!;
    const broken = { ...customer, fields: customer.fields.map((field) => (field === target ? { ...field, nativeType: 'NotAType' } : field)) };
    const models = persistence.models.map((model) => (model === customer ? broken : model));
    const result = new PrismaSchemaGenerator().plan({ persistence: { ...persistence, models }, context, tree: new MemoryTree(), entities: ['Customer'] });
    expect(result.files).toEqual([]);
    const field = target.kind === 'column' && 'path' in target.origin ? target.origin.path.field : '';
    expect(result.diagnostics[0]).toMatchObject({ code: 'IG302', location: customer.fieldLocations?.[field] });
    expect(result.diagnostics[0]!.message).toContain(`Prisma rejects Customer.${field} (`);
    expect(result.diagnostics[0]!.message).toContain('as generated into prisma/schema.prisma');
  });

  it('points a problem in a line of no domain field (a block attribute) at the class', () => {
    const { persistence } = planPersistence(shopDomain(), context.options);
    const customer = persistence.models.find((model) => model.name === 'Customer')!;
    const broken = { ...customer, indexes: [...customer.indexes, ['notAField']] };
    const models = persistence.models.map((model) => (model === customer ? broken : model));
    const result = new PrismaSchemaGenerator().plan({ persistence: { ...persistence, models }, context, tree: new MemoryTree(), entities: ['Customer'] });
    expect(result.diagnostics[0]).toMatchObject({ code: 'IG302', location: { file: customer.source.file, line: customer.source.line } });
    expect(result.diagnostics[0]!.message).toContain('Prisma rejects Customer, as generated into prisma/schema.prisma');
  });

  it('refuses a merge that Prisma rejects, naming the line', () => {
    const result = plan('model Customer {\n  id String @id\n}\n\nmodel Clash {\n  customer Customer\n}\n', ['Order']);
    expect(result.files).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'IG302', severity: 'error', location: { file: 'prisma/schema.prisma' } });
  });
});
