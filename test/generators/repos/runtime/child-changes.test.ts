import { DbNull, Decimal, JsonNull } from '@prisma/client-runtime-utils';
import { describe, expect, it } from 'vitest';
import { childChanges, sameColumns } from '../../../../templates/repos/runtime/repos/child-changes.js';

describe('childChanges', () => {
  it('splits the children into removed keys, added and changed ones, leaving the unchanged out', () => {
    const stored = [
      { id: 'a', quantity: 1, orderId: 'o' },
      { id: 'b', quantity: 2, orderId: 'o' },
      { id: 'c', quantity: 3, orderId: 'o' },
    ];
    const children = [
      { id: 'a', quantity: 1, orderId: 'o' },
      { id: 'b', quantity: 20, orderId: 'o' },
      { id: 'd', quantity: 4, orderId: 'o' },
    ];
    expect(childChanges(stored, children, 'id')).toEqual({ removed: ['c'], added: [children[2]], changed: [children[1]] });
  });

  it('matches numeric keys', () => {
    expect(childChanges([{ id: 1, name: 'x' }] as { id: number; name: string }[], [{ id: 1, name: 'x' }], 'id')).toEqual({
      removed: [],
      added: [],
      changed: [],
    });
  });
});

describe('sameColumns', () => {
  it('compares dates by instant, and a column the record leaves out as unchanged', () => {
    expect(sameColumns({ at: new Date('2026-01-01T00:00:00Z'), note: 'x' }, { at: new Date(Date.UTC(2026, 0, 1)) })).toBe(true);
    expect(sameColumns({ at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-02T00:00:00Z') })).toBe(false);
    expect(sameColumns({ note: 'x' }, { note: undefined })).toBe(true);
    expect(sameColumns({ note: null }, { note: 'x' })).toBe(false);
    expect(sameColumns({ note: 'x' }, { note: null })).toBe(false);
  });

  it('compares decimals by value, whether the record holds a Decimal, a number or a string', () => {
    const stored = { price: new Decimal('12.50') };
    expect(sameColumns(stored, { price: 12.5 })).toBe(true);
    expect(sameColumns(stored, { price: '12.5' })).toBe(true);
    expect(sameColumns(stored, { price: new Decimal('12.5') })).toBe(true);
    expect(sameColumns(stored, { price: new Decimal('12.51') })).toBe(false);
    expect(sameColumns(stored, { price: 'not a number' })).toBe(false);
  });

  it('compares Json by value whatever the key order, and never takes Prisma’s JsonNull for a stored object', () => {
    expect(sameColumns({ data: { b: [1, { c: true }], a: 'x' } }, { data: { a: 'x', b: [1, { c: true }] } })).toBe(true);
    expect(sameColumns({ data: { a: 1 } }, { data: { a: 2 } })).toBe(false);
    expect(sameColumns({ data: {} }, { data: JsonNull })).toBe(false);
    expect(sameColumns({ data: null }, { data: DbNull })).toBe(false);
  });

  it('compares scalar lists and bigints', () => {
    expect(sameColumns({ tags: ['a', 'b'], big: 10n }, { tags: ['a', 'b'], big: 10n })).toBe(true);
    expect(sameColumns({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toBe(false);
    expect(sameColumns({ big: 10n }, { big: 11n })).toBe(false);
  });
});
