// Small builders for hand-made domain models, so tests of later stages do not depend on the inspector.
import type { DomainModel, EntityModel, EnumModel, FieldModel, FieldTags, FieldType, ValueObjectModel } from '../../src/model/domain.js';
import { writtenType } from '../../src/model/types.js';

const at = (file: string) => ({ file, line: 1, column: 1 });

export function field(name: string, type: FieldType, extra: { optional?: boolean; tags?: FieldTags } = {}): FieldModel {
  return {
    name,
    type,
    declaredType: writtenType({ kind: 'other', text: 'unknown' }, 'unknown'),
    optional: extra.optional ?? false,
    nullable: false,
    tags: extra.tags ?? {},
    accessor: { kind: 'property', name },
    location: at(`src/domain/${name}.ts`),
  };
}

export const t = {
  string: (list = false): FieldType => ({ kind: 'primitive', primitive: 'string', list }),
  number: (list = false): FieldType => ({ kind: 'primitive', primitive: 'number', list }),
  date: (): FieldType => ({ kind: 'primitive', primitive: 'Date', list: false }),
  json: (): FieldType => ({ kind: 'primitive', primitive: 'json', list: false }),
  enumOf: (name: string, list = false): FieldType => ({ kind: 'enum', name, list }),
  vo: (name: string, list = false): FieldType => ({ kind: 'valueObject', name, list }),
  entity: (name: string, list = false): FieldType => ({ kind: 'entity', name, list }),
  identity: (valueObject: string, entity: string): FieldType => ({ kind: 'identity', valueObject, entity, list: false }),
};

export function entity(name: string, fields: FieldModel[], extra: Partial<EntityModel> = {}): EntityModel {
  const file = `src/domain/${name.toLowerCase()}.ts`;
  return {
    name,
    style: 'public-fields',
    source: { ...at(file), exportName: name },
    isAggregateRoot: true,
    fields,
    construction: { kind: 'constructor', parameters: fields.map((f) => ({ kind: 'field' as const, field: f.name, optional: f.optional })) },
    ...extra,
  };
}

export function singleValueObject(name: string, identifies?: string): ValueObjectModel {
  return {
    name,
    source: { ...at(`src/domain/${name.toLowerCase()}.ts`), exportName: name },
    shape: { kind: 'single', primitive: 'string', accessor: { kind: 'property', name: 'value' } },
    construction: { kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] },
    ...(identifies ? { identifies } : {}),
  };
}

export function compositeValueObject(name: string, fields: FieldModel[]): ValueObjectModel {
  return {
    name,
    source: { ...at(`src/domain/${name.toLowerCase()}.ts`), exportName: name },
    shape: { kind: 'composite', fields },
    construction: { kind: 'constructor', parameters: fields.map((f) => ({ kind: 'field' as const, field: f.name, optional: f.optional })) },
  };
}

export function stringEnum(name: string, values: string[]): EnumModel {
  return {
    name,
    kind: 'ts-enum',
    source: { ...at(`src/domain/${name.toLowerCase()}.ts`), exportName: name },
    location: at(`src/domain/${name.toLowerCase()}.ts`),
    members: values.map((value) => ({ name: value[0]!.toUpperCase() + value.slice(1), value })),
  };
}

export function domain(parts: Partial<DomainModel>): DomainModel {
  return { entities: [], valueObjects: [], enums: [], repositoryPorts: [], events: [], eventPublisherPorts: [], ...parts };
}

/** A shop: orders owning lines, referencing customers by identity; a composite address; an enum; products ↔ categories. */
export function shopDomain(): DomainModel {
  return domain({
    entities: [
      entity('Customer', [field('id', t.identity('CustomerId', 'Customer')), field('email', t.vo('Email'), { tags: { unique: true } }), field('createdAt', t.date(), { tags: { default: 'now()' } })]),
      entity('Order', [
        field('id', t.identity('OrderId', 'Order')),
        field('customerId', t.identity('CustomerId', 'Customer')),
        field('status', t.enumOf('OrderStatus'), { tags: { default: '"pending"' } }),
        field('lines', t.entity('OrderLine', true)),
        field('shippingAddress', t.vo('Address')),
        field('note', t.string(), { optional: true }),
      ]),
      entity('OrderLine', [field('id', t.string()), field('quantity', t.number()), field('unitPrice', t.number(), { tags: { decimal: true } })], { isAggregateRoot: false }),
      entity('Product', [field('id', t.string()), field('tags', t.string(true)), field('attributes', t.json()), field('categories', t.entity('Category', true))]),
      entity('Category', [field('id', t.string()), field('name', t.string(), { tags: { db: 'VarChar(80)' } }), field('products', t.entity('Product', true))]),
    ],
    valueObjects: [
      singleValueObject('CustomerId', 'Customer'),
      singleValueObject('OrderId', 'Order'),
      singleValueObject('Email'),
      compositeValueObject('Address', [field('street', t.string()), field('city', t.string()), field('postalCode', t.string(), { optional: true })]),
    ],
    enums: [stringEnum('OrderStatus', ['pending', 'paid', 'shipped'])],
  });
}
