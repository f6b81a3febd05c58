import { describe, expect, it } from 'vitest';
import { backoffDelayMs, withinDeadline } from '../../../templates/messaging/runtime/messaging/shared/backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the base delay up to the cap, or grows by the given factor', () => {
    const reconnect = { baseDelayMs: 300, maxDelayMs: 30_000 };
    expect([1, 2, 3, 8, 20].map((attempt) => backoffDelayMs(attempt, reconnect))).toEqual([300, 600, 1_200, 30_000, 30_000]);
    expect([1, 2, 3].map((attempt) => backoffDelayMs(attempt, { baseDelayMs: 100, maxDelayMs: 5_000, factor: 3 }))).toEqual([100, 300, 900]);
  });

  it('stays at the cap however many attempts were made, and at 0 for a zero base', () => {
    expect(backoffDelayMs(5_000, { baseDelayMs: 200, maxDelayMs: 10_000 })).toBe(10_000);
    expect(backoffDelayMs(5_000, { baseDelayMs: 0, maxDelayMs: 0, factor: 2 })).toBe(0);
  });
});

describe('withinDeadline', () => {
  const timeout = () => new Error('too late');

  it('resolves with the task when it settles in time, and rejects with the timeout otherwise', async () => {
    await expect(withinDeadline(Promise.resolve(7), Date.now() + 1_000, timeout)).resolves.toBe(7);
    await expect(withinDeadline(new Promise(() => {}), Date.now() + 20, timeout)).rejects.toThrow('too late');
  });

  it('lets the deadline win a tie with a timer of the same length when the task is given as a function', async () => {
    const sameLength = () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('inner timer')), 30));
    await expect(withinDeadline(sameLength, Date.now() + 30, timeout)).rejects.toThrow('too late');
  });
});
