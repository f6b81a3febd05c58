import { describe, expect, it } from 'vitest';
import { isConnectivityFailure } from '../../../templates/messaging/runtime/messaging/kafka/publisher.js';

/** An error shaped like kafkajs' own (its typings do not declare the constructors' options). */
function kafkaError(name: string, retriable: boolean, cause?: Error): Error {
  return Object.assign(new Error(`${name} message`, { cause }), { name, retriable });
}

describe('isConnectivityFailure', () => {
  it('sees a lost connection through the non-retriable error kafkajs wraps it in once its retries are spent', () => {
    const refused = kafkaError('KafkaJSConnectionError', true);
    expect(isConnectivityFailure(refused)).toBe(true);
    expect(isConnectivityFailure(kafkaError('KafkaJSNonRetriableError', false, refused))).toBe(true);
    expect(isConnectivityFailure(kafkaError('KafkaJSNumberOfRetriesExceeded', false, kafkaError('KafkaJSRequestTimeoutError', false)))).toBe(true);
  });

  it('leaves a broker’s refusal of the record a refusal', () => {
    const tooLarge = kafkaError('KafkaJSProtocolError', false);
    expect(isConnectivityFailure(tooLarge)).toBe(false);
    expect(isConnectivityFailure(kafkaError('KafkaJSNonRetriableError', false, tooLarge))).toBe(false);
    expect(isConnectivityFailure('not an error')).toBe(false);
  });
});
