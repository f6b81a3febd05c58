import { describe, expect, it } from 'vitest';
import { choiceFromEnv, numberFromEnv, retryPolicyFromEnv } from '../../../templates/messaging/runtime/messaging/shared/env.js';
import { MessagingConfigError } from '../../../templates/messaging/runtime/messaging/shared/errors.js';

describe('configuration from the environment', () => {
  it('reads a choice, falling back when unset, and names the options when it is not one of them', () => {
    expect(choiceFromEnv({}, 'STORAGE', ['file', 'memory'], 'file')).toBe('file');
    expect(choiceFromEnv({ STORAGE: 'memory' }, 'STORAGE', ['file', 'memory'], 'file')).toBe('memory');
    expect(() => choiceFromEnv({ STORAGE: 'disk' }, 'STORAGE', ['file', 'memory'], 'file')).toThrow(new MessagingConfigError('STORAGE must be one of "file", "memory", got "disk"'));
  });

  it('reads numbers in range and the retry policy, refusing what is not', () => {
    expect(numberFromEnv({ N: ' ' }, 'N', 5)).toBe(5);
    expect(() => numberFromEnv({ N: '1.5' }, 'N', 5)).toThrow('N must be an integer ≥ 0, got "1.5"');
    expect(retryPolicyFromEnv({ MESSAGING_RETRY_MAX_ATTEMPTS: '2', MESSAGING_RETRY_FACTOR: '1.5' })).toEqual({ maxAttempts: 2, baseDelayMs: 1_000, factor: 1.5, maxDelayMs: 60_000 });
    expect(() => retryPolicyFromEnv({ MESSAGING_RETRY_MAX_ATTEMPTS: '0' })).toThrow(MessagingConfigError);
  });
});
