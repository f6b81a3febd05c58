import { describe, expect, it } from 'vitest';
import { fakerList, fakerValue, maxLengthOf, maybe, type ValueHint } from '../../../src/generators/seeds/value-choice.js';
import { orNull, writtenType, type TypeModel } from '../../../src/model/types.js';

const value = (names: string | string[], kind: ValueHint['kind'] = 'string', extra: Partial<ValueHint> = {}) =>
  fakerValue({ names: typeof names === 'string' ? [names] : names, kind, ...extra });

describe('the faker call chosen for a field', () => {
  it.each([
    ['email', 'faker.internet.email().toLowerCase()'],
    ['contactEmail', 'faker.internet.email().toLowerCase()'],
    ['firstName', 'faker.person.firstName()'],
    ['lastName', 'faker.person.lastName()'],
    ['city', 'faker.location.city()'],
    ['shippingAddressStreet', 'faker.location.streetAddress()'],
    ['street', 'faker.location.streetAddress()'],
    ['postalCode', 'faker.location.zipCode()'],
    ['zip', 'faker.location.zipCode()'],
    ['country', 'faker.location.country()'],
    ['countryCode', 'faker.location.countryCode()'],
    ['phone', 'faker.phone.number()'],
    ['phoneNumber', 'faker.phone.number()'],
    ['url', 'faker.internet.url()'],
    ['avatarUrl', 'faker.image.url()'],
    ['title', 'faker.lorem.sentence({ min: 3, max: 6 })'],
    ['description', 'faker.lorem.paragraph()'],
    ['note', 'faker.lorem.sentence()'],
    ['sku', "faker.string.alphanumeric({ length: 10, casing: 'upper' })"],
    ['currency', 'faker.finance.currencyCode()'],
    ['totalCurrency', 'faker.finance.currencyCode()'],
    ['username', 'faker.internet.username()'],
    ['id', 'faker.string.uuid()'],
    ['whatever', 'faker.lorem.words({ min: 1, max: 3 })'],
  ])('string %s → %s', (name, expected) => {
    expect(value(name)).toBe(expected);
  });

  it('reads `name` by the entity holding it', () => {
    expect(value('name', 'string', { owner: 'Customer' })).toBe('faker.person.fullName()');
    expect(value('name', 'string', { owner: 'Product' })).toBe('faker.commerce.productName()');
    expect(value('name', 'string', { owner: 'ProductCategory' })).toBe('faker.commerce.productName()');
    expect(value('name', 'string', { owner: 'Category' })).toBe('faker.commerce.department()');
    expect(value('name', 'string', { owner: 'Supplier' })).toBe('faker.company.name()');
  });

  it('falls back from the field name to the value object name', () => {
    expect(value(['contact', 'Email'])).toBe('faker.internet.email().toLowerCase()');
    expect(value(['value', 'PhoneNumber'])).toBe('faker.phone.number()');
  });

  it('cuts strings to a VarChar length', () => {
    expect(value('sku', 'string', { maxLength: 8 })).toBe("faker.string.alphanumeric({ length: 10, casing: 'upper' }).slice(0, 8)");
    expect(maxLengthOf('VarChar(120)')).toBe(120);
    expect(maxLengthOf('Char(3)')).toBe(3);
    expect(maxLengthOf('Text')).toBeUndefined();
  });

  it('chooses numbers by name, integers or with two decimals by type', () => {
    expect(value('priceCents', 'int')).toBe('faker.number.int({ min: 100, max: 100_000 })');
    expect(value('price', 'decimal')).toBe('faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 })');
    expect(value('unitPrice', 'decimal')).toBe('faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 })');
    expect(value('amount', 'float')).toBe('faker.number.float({ min: 1, max: 1_000, fractionDigits: 2 })');
    expect(value('price', 'int')).toBe('faker.number.int({ min: 1, max: 1_000 })');
    expect(value('quantity', 'int')).toBe('faker.number.int({ min: 1, max: 10 })');
    expect(value('age', 'int')).toBe('faker.number.int({ min: 18, max: 90 })');
    expect(value('rating', 'int')).toBe('faker.number.int({ min: 1, max: 5 })');
    expect(value('latitude', 'float')).toBe('faker.location.latitude()');
    expect(value('other', 'int')).toBe('faker.number.int({ min: 0, max: 1_000 })');
    expect(value('other', 'bigint')).toBe('BigInt(faker.number.int({ min: 0, max: 1_000_000 }))');
  });

  it('puts dates in a sensible range for their meaning', () => {
    expect(value('createdAt', 'Date')).toBe('faker.date.past({ years: 1 })');
    expect(value('placedAt', 'Date')).toBe('faker.date.past({ years: 1 })');
    expect(value('updatedAt', 'Date')).toBe('faker.date.recent({ days: 30 })');
    expect(value('birthDate', 'Date')).toBe('faker.date.birthdate()');
    expect(value('dateOfBirth', 'Date')).toBe('faker.date.birthdate()');
    expect(value('expiresAt', 'Date')).toBe('faker.date.soon({ days: 180 })');
    expect(value('dueDate', 'Date')).toBe('faker.date.soon({ days: 180 })');
  });

  it('gives booleans and Json records', () => {
    expect(value('isActive', 'boolean')).toBe('faker.datatype.boolean()');
    const text = (primitive: 'string' | 'number') => writtenType({ kind: 'primitive', primitive }, primitive);
    const record = (key: TypeModel, value: TypeModel) => writtenType({ kind: 'record', key, value }, `Record<${key.text}, ${value.text}>`);
    expect(value('attributes', 'json', { declaredType: record(text('string'), text('string')) })).toBe(
      'Object.fromEntries(faker.helpers.multiple(() => [faker.word.noun(), faker.word.adjective()] as const, { count: { min: 1, max: 3 } }))',
    );
    expect(value('counts', 'json', { declaredType: record(text('string'), text('number')) })).toContain('faker.number.int(');
    expect(value('byId', 'json', { declaredType: record(text('number'), text('string')) })).toBe('{}');
    expect(value('attributes', 'json', { declaredType: orNull(record(text('string'), text('string'))) })).toBe('{}');
    expect(value('payload', 'json', { declaredType: writtenType({ kind: 'other', text: 'unknown' }, 'unknown') })).toBe('{}');
  });

  it('fills lists by the singular of their name, and optional values most of the time', () => {
    expect(fakerList({ names: ['tags'], kind: 'string' })).toBe('faker.helpers.multiple(() => faker.word.noun(), { count: { min: 1, max: 3 } })');
    expect(fakerList({ names: ['emails'], kind: 'string' })).toContain('faker.internet.email()');
    expect(maybe('faker.lorem.sentence()', 'undefined')).toBe('faker.helpers.maybe(() => faker.lorem.sentence(), { probability: 0.8 })');
    expect(maybe('faker.lorem.sentence()', 'null')).toBe('faker.helpers.maybe(() => faker.lorem.sentence(), { probability: 0.8 }) ?? null');
  });
});
