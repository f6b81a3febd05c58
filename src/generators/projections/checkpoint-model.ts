import type { SchemaBlock } from '../prisma-schema/index.js';

/**
 * The last event each projection applied. The projection runtime
 * (templates/messaging/runtime/messaging/projections/projection.ts) writes it with raw SQL under these
 * table and column names, so a change here is a change there.
 */
export const checkpointModel: SchemaBlock = {
  type: 'model',
  name: 'ProjectionCheckpoint',
  text: `/// The last event each projection applied, written in the transaction that applied it.
model ProjectionCheckpoint {
  projection  String   @id
  lastEventId String   @map("last_event_id")
  updatedAt   DateTime @map("updated_at") @db.Timestamptz(3)

  @@map("projection_checkpoints")
}`,
};
