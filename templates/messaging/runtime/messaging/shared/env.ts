import { MessagingConfigError } from './errors.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** A numeric environment variable, or `fallback` when unset; a clear error when it is not a number in range. */
export function numberFromEnv(env: Environment, name: string, fallback: number, { min = 0, integer = true } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new MessagingConfigError(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
  }
  return value;
}

/** One of `options`, or `fallback` when unset; a clear error naming the options otherwise. */
export function choiceFromEnv<const T extends string>(env: Environment, name: string, options: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!options.includes(value as T)) throw new MessagingConfigError(`${name} must be one of ${options.map((option) => `"${option}"`).join(', ')}, got "${value}"`);
  return value as T;
}

/** MESSAGING_RETRY_MAX_ATTEMPTS, _BASE_DELAY_MS, _FACTOR, _MAX_DELAY_MS. */
export function retryPolicyFromEnv(env: Environment): RetryPolicy {
  return {
    maxAttempts: numberFromEnv(env, 'MESSAGING_RETRY_MAX_ATTEMPTS', defaultRetryPolicy.maxAttempts, { min: 1 }),
    baseDelayMs: numberFromEnv(env, 'MESSAGING_RETRY_BASE_DELAY_MS', defaultRetryPolicy.baseDelayMs),
    factor: numberFromEnv(env, 'MESSAGING_RETRY_FACTOR', defaultRetryPolicy.factor, { min: 1, integer: false }),
    maxDelayMs: numberFromEnv(env, 'MESSAGING_RETRY_MAX_DELAY_MS', defaultRetryPolicy.maxDelayMs),
  };
}
