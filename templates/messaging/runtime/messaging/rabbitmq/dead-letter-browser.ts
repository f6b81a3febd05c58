import type { ChannelModel, ConfirmChannel, GetMessage, Options } from 'amqplib';
import { GroupNotFoundError } from '../shared/errors.js';

/** The properties of a message taken from a queue, to publish its copy with; the broker's own count is left out. */
function copyOptions({ properties }: GetMessage): Options.Publish {
  const { 'x-delivery-count': _count, ...headers } = (properties.headers ?? {}) as Record<string, unknown>;
  const options: Options.Publish = { headers, persistent: properties.deliveryMode === 2 };
  for (const key of ['contentType', 'contentEncoding', 'priority', 'correlationId', 'replyTo', 'expiration', 'messageId', 'timestamp', 'type', 'userId', 'appId'] as const) {
    if (properties[key] !== undefined) (options as Record<string, unknown>)[key] = properties[key];
  }
  return options;
}

function sendCopy(channel: ConfirmChannel, queue: string, message: GetMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, message.content, copyOptions(message), (error: unknown) => (error === null || error === undefined ? resolve() : reject(error)));
  });
}

/**
 * Reads a queue without leaving a mark on it. AMQP 0-9-1 cannot browse a queue, and a message taken and
 * returned unacked comes back marked redelivered with its delivery count raised (a quorum queue with a delivery
 * limit would end up dropping it). So each message present when the reading starts is taken, a copy is put
 * back at the tail and confirmed, then the original is acked: one pass, in order, keeping at most `limit`
 * messages in memory. A crash mid-pass leaves a duplicate, never a loss.
 */
export async function browseQueue(connection: ChannelModel, queue: string, group: string, limit: number): Promise<GetMessage[]> {
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => undefined);
  try {
    let present: number;
    try {
      present = (await channel.checkQueue(queue)).messageCount;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) throw new GroupNotFoundError(group, `RabbitMQ (no queue "${queue}")`);
      throw error;
    }
    const kept: GetMessage[] = [];
    for (let taken = 0; taken < present; taken++) {
      const message = await channel.get(queue, { noAck: false });
      if (message === false) break;
      if (kept.length < limit) kept.push(message);
      await sendCopy(channel, queue, message);
      channel.ack(message);
    }
    return kept;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
