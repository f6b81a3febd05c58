import { ErrorCode, NatsError, type JetStreamClient, type PubAck } from 'nats';
import type { TransportMessage } from '../shared/envelope.js';
import { PublishRejectedError } from '../shared/errors.js';
import { toNatsHeaders } from './nats-message.js';

export interface AckedPublishOptions {
  /** Sent as `Nats-Msg-Id`: JetStream stores a repeated id only once within the stream's duplicate window. */
  msgID?: string;
  /** The stream that must store the message; anything else is a rejection. */
  stream: string;
  timeoutMs: number;
}

/** True for failures that say nothing about the message itself: the connection went, or no answer came. */
export function isConnectionFailure(error: unknown): boolean {
  return (
    error instanceof NatsError &&
    ([ErrorCode.ConnectionClosed, ErrorCode.ConnectionDraining, ErrorCode.Disconnect, ErrorCode.Timeout] as string[]).includes(error.code)
  );
}

/** True when nothing listens on the subject: the stream is missing (deleted, or not created yet). */
export function isNoResponders(error: unknown): boolean {
  return error instanceof NatsError && error.code === ErrorCode.NoResponders;
}

/**
 * Publishes to JetStream and resolves with its acknowledgement (PubAck), once the stream has stored the
 * message. Connection failures are rethrown as they are, for the caller to retry; refusals become
 * `PublishRejectedError`.
 */
export async function publishAcked(js: JetStreamClient, subject: string, message: TransportMessage, options: AckedPublishOptions): Promise<PubAck> {
  try {
    return await js.publish(subject, message.body, {
      headers: toNatsHeaders(message.headers),
      ...(options.msgID !== undefined && { msgID: options.msgID }),
      expect: { streamName: options.stream },
      timeout: Math.max(1, Math.round(options.timeoutMs)),
    });
  } catch (error) {
    if (isConnectionFailure(error) || isNoResponders(error)) throw error;
    throw new PublishRejectedError(`JetStream did not accept the message for "${subject}"`, { cause: error });
  }
}
