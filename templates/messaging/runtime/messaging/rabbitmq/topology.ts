import type { Channel, Options } from 'amqplib';
import { backoffDelayMs } from '../shared/backoff.js';
import type { RetryPolicy } from '../shared/retry-policy.js';
import type { RabbitMqConfig } from './config.js';

/** The queues of one consumer group. */
export interface GroupTopology {
  /** Where the group's consumers compete for work. */
  workQueue: string;
  deadLetterQueue: string;
  /** The delay queue a message waits in after failed attempt n (index n - 1). */
  retryQueues: { queue: string; delayMs: number }[];
}

/**
 * Names derive from the exchange and the group. Delay queues are named after their delay, so changing the
 * retry policy adds queues instead of clashing with the arguments of existing ones.
 */
export function groupTopology(exchange: string, group: string, retry: RetryPolicy): GroupTopology {
  const workQueue = `${exchange}.${group}`;
  const retryQueues = Array.from({ length: Math.max(0, retry.maxAttempts - 1) }, (_, index) => {
    const delayMs = backoffDelayMs(index + 1, retry);
    return { queue: `${workQueue}.retry.${delayMs}ms`, delayMs };
  });
  return { workQueue, deadLetterQueue: `${workQueue}.dead-letter`, retryQueues };
}

export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Declares the group's queues: the work queue bound to the exchange for each routing key, a dead-letter
 * queue, and one delay queue per retry whose expired messages dead-letter back into the work queue
 * (x-message-ttl + x-dead-letter-exchange through the default exchange). Idempotent.
 */
export async function declareGroup(
  channel: Channel,
  config: Pick<RabbitMqConfig, 'exchange' | 'queueType'>,
  topology: GroupTopology,
  routingKeys: readonly string[],
): Promise<void> {
  const durableQueue: Options.AssertQueue = { durable: true, arguments: { 'x-queue-type': config.queueType } };
  await declareExchange(channel, config.exchange);
  await channel.assertQueue(topology.workQueue, durableQueue);
  await channel.assertQueue(topology.deadLetterQueue, durableQueue);
  for (const { queue, delayMs } of topology.retryQueues) {
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'classic',
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': topology.workQueue,
      },
    });
  }
  for (const key of routingKeys) await channel.bindQueue(topology.workQueue, config.exchange, key);
}

/** Removes a group's queues, e.g. after a test run. */
export async function deleteGroup(channel: Channel, topology: GroupTopology): Promise<void> {
  for (const queue of [topology.workQueue, topology.deadLetterQueue, ...topology.retryQueues.map((retry) => retry.queue)]) {
    await channel.deleteQueue(queue);
  }
}
