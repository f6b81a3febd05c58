import { describe, expect, it } from 'vitest';
import {
  ConcurrencyConflictError,
  expectedDomainVersion,
  isKeyViolation,
  savedVersion,
  trackedVersion,
  trackVersion,
} from '../../../../templates/repos/runtime/repos/concurrency.js';

describe('the repositories’ concurrency runtime', () => {
  it('remembers a version per object, not per aggregate id', () => {
    const first = { id: 'A' };
    const second = { id: 'A' };
    expect(trackVersion(first, 3)).toBe(first);
    expect(trackedVersion(first)).toBe(3);
    expect(trackedVersion(second)).toBeUndefined();
    savedVersion(first, 4);
    expect(trackedVersion(first)).toBe(4);
  });

  it('takes a domain-held version as expected, 0 on an object never loaded or saved meaning new', () => {
    const fresh = { version: 0 };
    expect(expectedDomainVersion(fresh, 0)).toBeUndefined();
    expect(expectedDomainVersion({ version: 5 }, 5)).toBe(5);
    const loaded = trackVersion({ version: 0 }, 0);
    expect(expectedDomainVersion(loaded, 0)).toBe(0);
  });

  it('writes the saved version back to the domain’s field', () => {
    const account = { revision: 1 };
    savedVersion(account, 2, 'revision');
    expect(account.revision).toBe(2);
    expect(trackedVersion(account)).toBe(2);
  });

  it('keeps the version itself for a field it cannot assign (a getter with no setter), and expects that one next', () => {
    class Account {
      private readonly loadedRevision: number;
      constructor(revision: number) {
        this.loadedRevision = revision;
      }
      get revision(): number {
        return this.loadedRevision;
      }
    }
    const account = trackVersion(new Account(3), 3);
    savedVersion(account, 4, 'revision');
    expect(account.revision).toBe(3);
    expect(expectedDomainVersion(account, account.revision)).toBe(4);
  });

  it('names the aggregate, its id and the version expected in the error', () => {
    const error = new ConcurrencyConflictError('Cart', 'C-1', 2);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ConcurrencyConflictError', aggregateType: 'Cart', aggregateId: 'C-1', expectedVersion: 2 });
    expect(error.message).toBe('Cart C-1 was changed by someone else since version 2 was loaded; load it again and retry');
    expect(new ConcurrencyConflictError('Cart', 'C-1', null).message).toMatch(/^Cart C-1 already exists/);
  });

  it('tells a violation of the aggregate’s primary key from other errors', () => {
    const violation = (modelName: string, index: string) =>
      Object.assign(new Error('x'), { code: 'P2002', meta: { modelName, driverAdapterError: { cause: { constraint: { index } } } } });
    expect(isKeyViolation(violation('Cart', 'carts_pkey'), 'Cart')).toBe(true);
    expect(isKeyViolation(violation('Cart', 'carts_email_key'), 'Cart')).toBe(false);
    expect(isKeyViolation(violation('CartItem', 'cart_items_pkey'), 'Cart')).toBe(false);
    expect(isKeyViolation(Object.assign(new Error('x'), { code: 'P2002' }), 'Cart')).toBe(true);
    expect(isKeyViolation(Object.assign(new Error('x'), { code: 'P2025' }), 'Cart')).toBe(false);
    expect(isKeyViolation('P2002', 'Cart')).toBe(false);
  });
});
