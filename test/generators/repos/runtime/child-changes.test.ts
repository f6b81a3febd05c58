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

describe('childChanges with a position column', () => {
  const stored = ['a', 'b', 'c', 'd'].map((id, position) => ({ id, position, ownerId: 'o' }));
  const listed = (...ids: string[]) => ids.map((id, position) => ({ id, position, ownerId: 'o' }));
  const positions = (changes: { added: { id: string; position: number }[]; changed: { id: string; position: number }[] }) => ({
    added: changes.added.map((child) => [child.id, child.position]),
    changed: changes.changed.map((child) => [child.id, child.position]),
  });

  it('rewrites no row when children are removed or appended', () => {
    const changes = childChanges(stored, listed('b', 'd', 'e'), 'id', 'position');
    expect(changes.removed).toEqual(['a', 'c']);
    expect(positions(changes)).toEqual({ added: [['e', 4]], changed: [] });
  });

  it('moves only the rows it must for an insertion or a reordering, keeping the positions increasing along the list', () => {
    expect(positions(childChanges(stored, listed('a', 'x', 'b', 'c', 'd'), 'id', 'position'))).toEqual({
      added: [['x', 1]],
      changed: [
        ['b', 2],
        ['c', 3],
        ['d', 4],
      ],
    });
    // b no longer fits between c (2) and d (3): it goes after c, and d after it.
    expect(positions(childChanges(stored, listed('a', 'c', 'b', 'd'), 'id', 'position'))).toEqual({
      added: [],
      changed: [
        ['b', 3],
        ['d', 4],
      ],
    });
    expect(positions(childChanges(stored, listed('d', 'c', 'b', 'a'), 'id', 'position'))).toEqual({
      added: [],
      changed: [
        ['c', 4],
        ['b', 5],
        ['a', 6],
      ],
    });
  });

  it('places rows stored before the position column existed (all at 0) in the list order', () => {
    const old = ['a', 'b'].map((id) => ({ id, position: 0, ownerId: 'o' }));
    expect(positions(childChanges(old, listed('a', 'b'), 'id', 'position'))).toEqual({ added: [], changed: [['b', 1]] });
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

  it('takes a stored null (how Prisma reads a JSON null back) for the JsonNull a record writes', () => {
    expect(sameColumns({ data: null }, { data: JsonNull })).toBe(true);
    expect(sameColumns({ data: 'null' }, { data: JsonNull })).toBe(false);
  });

  it('compares scalar lists and bigints', () => {
    expect(sameColumns({ tags: ['a', 'b'], big: 10n }, { tags: ['a', 'b'], big: 10n })).toBe(true);
    expect(sameColumns({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toBe(false);
    expect(sameColumns({ big: 10n }, { big: 11n })).toBe(false);
  });
});
