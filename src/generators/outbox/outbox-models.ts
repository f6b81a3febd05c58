import type { SchemaBlock } from '../prisma-schema/index.js';

/**
 * The outbox and inbox tables. They do not vary with the domain; the relay and the inbox runtime
 * (templates/messaging/runtime/messaging/outbox/) read and write them with raw SQL under these table and
 * column names, so a change here is a change there.
 */
export const outboxModel: SchemaBlock = {
  type: 'model',
  name: 'OutboxEvent',
  text: `/// Domain events written in the transaction that changed their aggregate, until the relay has published them.
model OutboxEvent {
  /// Insertion order: the relay claims the oldest first.
  position      BigInt    @id @default(autoincrement())
  /// The message id on the broker, which consumers' inboxes deduplicate on.
  eventId       String    @unique @map("event_id")
  eventType     String    @map("event_type")
  schemaVersion Int       @map("schema_version")
  aggregateType String    @map("aggregate_type")
  aggregateId   String    @map("aggregate_id")
  /// 1, 2, 3… per aggregate: the relay publishes an aggregate's events in this order.
  sequence      Int
  payload       Json
  headers       Json      @default("{}")
  occurredAt    DateTime  @map("occurred_at") @db.Timestamptz(3)
  /// Not published before this time: set in the future after a failed attempt (backoff).
  availableAt   DateTime  @default(now()) @map("available_at") @db.Timestamptz(3)
  attempts      Int       @default(0)
  lastError     String?   @map("last_error")
  leaseOwner    String?   @map("lease_owner")
  leaseUntil    DateTime? @map("lease_until") @db.Timestamptz(3)
  publishedAt   DateTime? @map("published_at") @db.Timestamptz(3)
  /// Set when the relay gave up after its last attempt; requeueing clears it.
  deadAt        DateTime? @map("dead_at") @db.Timestamptz(3)

  @@unique([aggregateType, aggregateId, sequence])
  @@index([publishedAt, deadAt, availableAt])
  @@map("outbox_events")
}`,
};

export const inboxModel: SchemaBlock = {
  type: 'model',
  name: 'InboxMessage',
  text: `/// The messages each consumer has handled, written in the handler's transaction so a redelivery changes nothing.
model InboxMessage {
  consumer    String
  messageId   String   @map("message_id")
  processedAt DateTime @default(now()) @map("processed_at") @db.Timestamptz(3)

  @@id([consumer, messageId])
  @@map("inbox_messages")
}`,
};

export const outboxModels: readonly SchemaBlock[] = [outboxModel, inboxModel];
