import type { Backoff } from './backoff.js';

/** How often, and how long apart, a failing handler is retried before its message is dead-lettered. */
export interface RetryPolicy extends Backoff {
  /** Handler runs in total, the first one included. 1 means no retry. */
  maxAttempts: number;
  /** Delay before the first retry. */
  baseDelayMs: number;
  /** Each further retry waits `factor` times longer… */
  factor: number;
  /** …up to this cap. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, factor: 2, maxDelayMs: 60_000 };
