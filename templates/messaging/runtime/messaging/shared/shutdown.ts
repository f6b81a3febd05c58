import { describeError } from './errors.js';
import type { MessagingLogger } from './logger.js';

/** How long `stop()` and `close()` wait for handlers in flight, and for the broker's answers, by default. */
export const defaultShutdownTimeoutMs = 5_000;

export interface ShutdownOptions {
  /**
   * How long to wait for handlers in flight and for the broker before giving up on them (5 s by default).
   * The messages of handlers still running then are handed back to the broker, which delivers them again.
   */
  timeoutMs?: number;
}

/** The `Date.now()` value by which a shutdown with these options must be over. */
export function shutdownDeadline(options: ShutdownOptions | undefined): number {
  return Date.now() + (options?.timeoutMs ?? defaultShutdownTimeoutMs);
}

/** Waits for `task` until `deadline` at the latest; says whether it settled in time. Never rejects. */
export async function settledBy(task: Promise<unknown> | undefined, deadline: number): Promise<boolean> {
  if (task === undefined) return true;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([task.then(() => true, () => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A step of a shutdown that talks to the broker (cancel, close, flush): bounded by `deadline`, and logged
 * rather than thrown when it fails or the broker does not answer, because the shutdown goes on regardless.
 */
export async function bestEffort(what: string, step: () => Promise<unknown>, deadline: number, logger: MessagingLogger, context: Record<string, unknown> = {}): Promise<void> {
  let failure: unknown;
  const settled = await settledBy(
    step().catch((error: unknown) => {
      failure = error;
    }),
    deadline,
  );
  if (!settled) logger.warn(`${what} got no answer before the shutdown deadline; going on without it`, context);
  else if (failure !== undefined) logger.warn(`${what} failed`, { ...context, error: describeError(failure) });
}

/** Milliseconds left until `deadline`, for the next step of a shutdown. */
export function remainingMs(deadline: number): { timeoutMs: number } {
  return { timeoutMs: Math.max(0, deadline - Date.now()) };
}
