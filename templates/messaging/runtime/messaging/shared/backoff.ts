/** Delays that grow `factor` times (twice by default) from `baseDelayMs`, up to `maxDelayMs`. */
export interface Backoff {
  baseDelayMs: number;
  maxDelayMs: number;
  factor?: number;
}

/**
 * The delay after failed attempt `attempt` (1, 2, …): reconnections, restarts and handler retries all grow
 * this way. No jitter: brokers with fixed-TTL delay queues need one delay per attempt.
 */
export function backoffDelayMs(attempt: number, { baseDelayMs, maxDelayMs, factor = 2 }: Backoff): number {
  // Past a thousand or so attempts the power is Infinity, which the cap handles; 0 × Infinity would not be.
  if (baseDelayMs === 0) return 0;
  return Math.min(maxDelayMs, Math.round(baseDelayMs * factor ** (attempt - 1)));
}

/**
 * Rejects with `timeout()` once `deadline` (a `Date.now()` value) has passed; `task` goes on regardless.
 * A task given as a function is started after the deadline's timer, so the deadline wins a tie with
 * timers of the same length inside the task.
 */
export async function withinDeadline<T>(task: Promise<T> | (() => Promise<T>), deadline: number, timeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([typeof task === 'function' ? task() : task, expired]);
  } finally {
    clearTimeout(timer);
  }
}
