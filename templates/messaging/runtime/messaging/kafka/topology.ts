import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, ITopicConfig } from 'kafkajs';
import { BrokerUnavailableError, MessagingConfigError } from '../shared/errors.js';
import type { KafkaConfig } from './config.js';

const groupName = /^[A-Za-z0-9._-]{1,200}$/;
const deadLetterInfix = '.dead-letter.';

/** A group names a Kafka consumer group and, through its dead-letter topic, a topic: it must suit both. */
export function assertGroupName(group: string): void {
  if (!groupName.test(group)) throw new MessagingConfigError(`Consumer group "${group}" must be 1 to 200 letters, digits, ".", "_" or "-" to name a Kafka group and topic`);
}

/** Where a group's dead letters go: `<topic>.dead-letter.<group>`, one topic per group so each can be replayed on its own. */
export function deadLetterTopic(config: Pick<KafkaConfig, 'topic'>, group: string): string {
  assertGroupName(group);
  return `${config.topic}${deadLetterInfix}${group}`;
}

/** Every topic this adapter created for `config`: the events topic and the groups' dead-letter topics. */
export function isOwnTopic(config: Pick<KafkaConfig, 'topic'>, topic: string): boolean {
  return topic === config.topic || topic.startsWith(`${config.topic}${deadLetterInfix}`);
}

function topicConfig(config: KafkaConfig, topic: string): ITopicConfig {
  return {
    topic,
    numPartitions: config.partitions,
    replicationFactor: config.replicationFactor,
    // With more than one replica, acks=-1 waits for at least two of them: one broker lost loses no confirmed event.
    ...(config.replicationFactor > 1 && { configEntries: [{ name: 'min.insync.replicas', value: '2' }] }),
  };
}

/**
 * Creates the topics that do not exist yet; never changes an existing one (partitions can only grow, and
 * growing them moves keys to other partitions, breaking the order of their events). Idempotent.
 */
export async function ensureTopics(admin: Admin, config: KafkaConfig, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  // `createTopics` resolves false, rather than failing, for a topic created meanwhile by another process.
  await admin.createTopics({ topics: missing.map((topic) => topicConfig(config, topic)), waitForLeaders: false });
  await waitForLeaders(admin, missing, Date.now() + config.requestTimeoutMs);
}

/** Errors a metadata request gives for a topic just created, until every broker has learnt of it and its leaders. */
const notYetVisible = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Waits until every partition of `topics` has a leader. kafkajs' own `waitForLeaders` tolerates only
 * LEADER_NOT_AVAILABLE, but a KRaft broker applies a new topic to its metadata asynchronously and answers
 * UNKNOWN_TOPIC_OR_PARTITION in between (kafkajs issue #1563).
 */
async function waitForLeaders(admin: Admin, topics: readonly string[], deadline: number): Promise<void> {
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return;
    } catch (error) {
      if (!notYetVisible.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline) throw new BrokerUnavailableError(`Kafka created ${topics.join(', ')} but named no leader for them within the request timeout`);
    await sleep(50);
  }
}

/** Removes the events topic and every dead-letter topic of `config`, e.g. after a test run. */
export async function deleteTopics(admin: Admin, config: Pick<KafkaConfig, 'topic'>): Promise<void> {
  const topics = (await admin.listTopics()).filter((topic) => isOwnTopic(config, topic));
  if (topics.length > 0) await admin.deleteTopics({ topics });
}
