import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  NatsError,
  RetentionPolicy,
  StorageType,
  nanos,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerUpdateConfig,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from 'nats';
import type { EventCatalog } from '../shared/event-definition.js';
import { describeError, MessagingConfigError } from '../shared/errors.js';
import type { MessagingLogger } from '../shared/logger.js';
import type { NatsConfig } from './config.js';
import type { NatsSession } from './connection.js';

/**
 * Deliveries beyond the retry policy's attempts that the durable consumer still allows (`max_deliver`).
 * The consumer dead-letters a message itself after its last failed attempt; the headroom covers
 * redeliveries nobody handled (a crash, an expired ack wait) so such a message is not dropped silently.
 */
export const redeliveryHeadroom = 3;

const groupName = /^[A-Za-z0-9_-]+$/;
const subjectToken = /^[^\s.*>]+$/;

/** Where events of one routing key (event type) are published, e.g. `domain-events.order.placed`. */
export function eventSubject(config: Pick<NatsConfig, 'subjectPrefix'>, routingKey: string): string {
  if (!routingKey.split('.').every((token) => subjectToken.test(token))) {
    throw new MessagingConfigError(`The routing key "${routingKey}" is not a valid NATS subject (no spaces, "*" or ">", no empty token)`);
  }
  return `${config.subjectPrefix}.${routingKey}`;
}

const deadLetterToken = 'dead-letter';

/** The subject a group's dead letters are kept under, in the dead-letter stream. */
export function deadLetterSubject(config: Pick<NatsConfig, 'subjectPrefix'>, group: string): string {
  return `${config.subjectPrefix}.${deadLetterToken}.${group}`;
}

/** A group is the durable consumer's name: NATS allows no dots, wildcards or spaces there. */
export function assertGroupName(group: string): void {
  if (!groupName.test(group)) throw new MessagingConfigError(`Consumer group "${group}" must be letters, digits, "-" or "_" to name a NATS durable consumer`);
}

/** The subjects of the event stream: one per event type of the catalog. */
export function catalogSubjects(config: Pick<NatsConfig, 'subjectPrefix'>, catalog: EventCatalog<object>): string[] {
  const subjects = catalog.definitions.map((definition) => eventSubject(config, definition.routingKey));
  const clash = subjects.find((subject) => subject.startsWith(`${config.subjectPrefix}.${deadLetterToken}.`));
  if (clash !== undefined) throw new MessagingConfigError(`The event subject "${clash}" collides with the dead-letter subjects`);
  return subjects;
}

/** Whether the subject pattern `pattern` (with `*` and `>`) matches every subject `subject` matches. */
export function subjectCovers(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const tokens = subject.split('.');
  for (let index = 0; index < wanted.length; index++) {
    if (wanted[index] === '>') return tokens.length > index;
    if (index >= tokens.length || (wanted[index] !== '*' && wanted[index] !== tokens[index])) return false;
  }
  return wanted.length === tokens.length;
}

function apiErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

/** JetStream API error codes. */
const streamNotFound = 10059;
const consumerNotFound = 10014;

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (apiErrorCode(error) === streamNotFound) return undefined;
    throw error;
  }
}

/**
 * Creates the stream, or adds the subjects it lacks to an existing one. Never removes a subject or changes
 * retention: other services may publish to the same stream, and retention cannot change in place.
 */
async function ensureStream(jsm: JetStreamManager, wanted: Partial<StreamConfig> & { name: string; subjects: string[] }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const existing = await streamInfo(jsm, wanted.name);
    if (existing === undefined) {
      try {
        await jsm.streams.add(wanted);
        return;
      } catch (error) {
        // Another process created it meanwhile: look again.
        if (attempt < 3) continue;
        throw error;
      }
    }
    const subjects = existing.config.subjects ?? [];
    const missing = wanted.subjects.filter((subject) => !subjects.some((pattern) => subjectCovers(pattern, subject)));
    if (missing.length === 0) return;
    await jsm.streams.update(wanted.name, { ...existing.config, subjects: [...subjects, ...missing] });
    return;
  }
}

/** The event stream and the dead-letter stream, as `config` describes them. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager, config: NatsConfig, subjects: readonly string[]): Promise<void> {
  const common = {
    retention: RetentionPolicy.Limits,
    storage: config.storage === 'memory' ? StorageType.Memory : StorageType.File,
    num_replicas: config.replicas,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(config.duplicateWindowMs),
  };
  await ensureStream(jsm, { name: config.stream, subjects: [...subjects], max_age: nanos(config.maxAgeMs), ...common });
  // Dead letters wait for a human: they do not expire.
  await ensureStream(jsm, { name: config.deadLetterStream, subjects: [`${config.subjectPrefix}.${deadLetterToken}.>`], ...common });
}

/**
 * The durable pull consumer of a group: explicit acks, and new events only when the group first appears.
 * From NATS 2.10 it is filtered on the group's subjects, and the filter follows the group's handlers. Older
 * servers cannot change a filter in place, so there the consumer takes the whole stream and settles the
 * events it has no handler for: adding a handler to a group then never leaves events behind.
 */
export function groupConsumerConfig(config: NatsConfig, group: string, subjects: readonly string[], multipleFilters: boolean): Partial<ConsumerConfig> {
  return {
    durable_name: group,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    ack_wait: nanos(config.ackWaitMs),
    max_deliver: config.retry.maxAttempts + redeliveryHeadroom,
    max_ack_pending: config.maxAckPending,
    ...(multipleFilters && { filter_subjects: [...subjects].sort() }),
  };
}

function filterOf(config: Partial<ConsumerConfig>): string {
  return JSON.stringify([...(config.filter_subjects ?? []), ...(config.filter_subject ? [config.filter_subject] : [])].sort());
}

function differs(existing: Partial<ConsumerConfig>, wanted: Partial<ConsumerConfig>): boolean {
  return (
    existing.ack_wait !== wanted.ack_wait ||
    existing.max_deliver !== wanted.max_deliver ||
    existing.max_ack_pending !== wanted.max_ack_pending ||
    filterOf(existing) !== filterOf(wanted)
  );
}

async function consumerInfo(jsm: JetStreamManager, stream: string, name: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, name);
  } catch (error) {
    if (apiErrorCode(error) === consumerNotFound) return undefined;
    throw error;
  }
}

/** Creates the group's durable consumer, or brings its settings up to date. Idempotent. */
export async function ensureGroupConsumer(session: NatsSession, config: NatsConfig, group: string, subjects: readonly string[], logger: MessagingLogger): Promise<void> {
  assertGroupName(group);
  const wanted = groupConsumerConfig(config, group, subjects, session.multipleFilters);
  const existing = await consumerInfo(session.jsm, config.stream, group);
  if (existing === undefined) {
    try {
      await session.jsm.consumers.add(config.stream, wanted);
      return;
    } catch (error) {
      // Created meanwhile by another consumer of the group: fine if it matches, updated below if not.
      const created = await consumerInfo(session.jsm, config.stream, group);
      if (created === undefined) throw error;
      if (!differs(created.config, wanted)) return;
    }
  } else if (!differs(existing.config, wanted)) {
    return;
  }
  try {
    const changes: Partial<ConsumerUpdateConfig> = {
      ack_wait: nanos(config.ackWaitMs),
      max_deliver: config.retry.maxAttempts + redeliveryHeadroom,
      max_ack_pending: config.maxAckPending,
      ...(session.multipleFilters && { filter_subjects: wanted.filter_subjects ?? [] }),
    };
    // The client merges the changes into the current settings: an undefined `filter_subject` removes a single-subject filter.
    await session.jsm.consumers.update(config.stream, group, Object.assign(changes, { filter_subject: undefined }));
  } catch (error) {
    // E.g. a filter set by hand, which servers before 2.10 cannot change: the group may then miss events.
    logger.error('Could not update the durable consumer of a group; it keeps its previous settings', { group, error: describeError(error) });
  }
}

/** Removes the event and dead-letter streams, their consumers and messages with them, e.g. after a test run. */
export async function deleteStreams(jsm: JetStreamManager, config: Pick<NatsConfig, 'stream' | 'deadLetterStream'>): Promise<void> {
  for (const name of [config.stream, config.deadLetterStream]) {
    try {
      await jsm.streams.delete(name);
    } catch (error) {
      if (apiErrorCode(error) !== streamNotFound) throw error;
    }
  }
}
