import { describe, expect, it } from 'vitest';
import { deriveQuery } from '../../../src/generators/repos/derived-query.js';

const properties = new Set(['id', 'email', 'status', 'role', 'createdAt', 'customerId', 'name', 'order', 'orderNumber', 'deletedAt', 'active']);
const derive = (name: string) => deriveQuery(name, properties);
const eq = (property: string) => ({ property, operator: 'equals', arity: 1, ignoreCase: false });

describe('deriveQuery', () => {
  it('reads finders, counters, existence checks and deletes', () => {
    expect(derive('findByEmail')).toEqual({ action: 'find', where: [[eq('email')]], orderBy: [] });
    expect(derive('existsByEmail')?.action).toBe('exists');
    expect(derive('countByStatus')).toEqual({ action: 'count', where: [[eq('status')]], orderBy: [] });
    expect(derive('deleteByEmail')?.action).toBe('delete');
    expect(derive('removeById')?.action).toBe('delete');
  });

  it('joins conditions with And and Or', () => {
    expect(derive('findAllByStatusAndRole')?.where).toEqual([[eq('status'), eq('role')]]);
    expect(derive('findByEmailOrName')?.where).toEqual([[eq('email')], [eq('name')]]);
    expect(derive('findByStatusAndRoleOrName')?.where).toEqual([[eq('status'), eq('role')], [eq('name')]]);
  });

  it('reads comparison suffixes and how many parameters each takes', () => {
    const [[between]] = derive('findByCreatedAtBetween')!.where as [[object]];
    expect(between).toEqual({ property: 'createdAt', operator: 'between', arity: 2, ignoreCase: false });
    const ops = (name: string) => derive(name)!.where.flat().map((c) => [c.operator, c.arity]);
    expect(ops('findByCreatedAtGreaterThan')).toEqual([['gt', 1]]);
    expect(ops('findByCreatedAtLessThanEqual')).toEqual([['lte', 1]]);
    expect(ops('findByStatusIn')).toEqual([['in', 1]]);
    expect(ops('findByStatusNotIn')).toEqual([['notIn', 1]]);
    expect(ops('findByNameLike')).toEqual([['contains', 1]]);
    expect(ops('findByNameContaining')).toEqual([['contains', 1]]);
    expect(ops('findByNameStartingWith')).toEqual([['startsWith', 1]]);
    expect(ops('findByDeletedAtIsNull')).toEqual([['isNull', 0]]);
    expect(ops('findByDeletedAtIsNotNull')).toEqual([['isNotNull', 0]]);
    expect(ops('findByActiveTrue')).toEqual([['true', 0]]);
    expect(derive('findByEmailIgnoreCase')!.where[0]![0]!.ignoreCase).toBe(true);
  });

  it('reads ordering and limits', () => {
    expect(derive('findFirstByOrderByCreatedAtDesc')).toEqual({ action: 'find', limit: 1, where: [], orderBy: [{ property: 'createdAt', direction: 'desc' }] });
    expect(derive('findTop10ByStatusOrderByNameAscCreatedAtDesc')).toEqual({
      action: 'find',
      limit: 10,
      where: [[eq('status')]],
      orderBy: [
        { property: 'name', direction: 'asc' },
        { property: 'createdAt', direction: 'desc' },
      ],
    });
  });

  it('prefers the longest property name, so words like Order inside names are not keywords', () => {
    expect(derive('findByOrderNumber')?.where).toEqual([[eq('orderNumber')]]);
    expect(derive('findByOrder')?.where).toEqual([[eq('order')]]);
  });

  it('gives up on names that do not follow the convention', () => {
    expect(derive('nextIdentity')).toBeUndefined();
    expect(derive('findByUnknownField')).toBeUndefined();
    expect(derive('findByEmailAnd')).toBeUndefined();
    expect(derive('findAll')).toBeUndefined();
  });
});
