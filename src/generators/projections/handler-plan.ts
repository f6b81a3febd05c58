import type { DomainEventModel, ValueObjectModel } from '../../model/domain.js';
import { tsString } from '../../render/literals.js';
import { sourceValue, type StoredField } from './read-model-fields.js';

/** How a handler's body came about: inferred from the event's fields, or left for the user to write. */
export type HandlerKind = 'upsert' | 'update' | 'to-fill';

export interface HandlerPlan {
  event: DomainEventModel;
  /** `onTicketOpened`. */
  method: string;
  kind: HandlerKind;
  /** The read-model fields the event sets. */
  filled: string[];
  /** The body's lines, printed as they are. */
  body: string[];
  /** One line of documentation above the handler. */
  doc: string;
  /** Why infragen could not write the body, for a handler to fill. */
  reason?: string;
}

/**
 * One event's handler. When the event carries the key and every required field, it upserts the row; when it
 * carries the key and some fields, it updates them on the row an earlier event created; otherwise the body
 * needs the user's intent and is a marked place to fill that throws until it is written.
 */
export function handlerPlan(
  event: DomainEventModel,
  readModel: string,
  delegate: string,
  fields: readonly StoredField[],
  key: StoredField,
  valueObjects: readonly ValueObjectModel[],
): HandlerPlan {
  const value = (stored: StoredField) => sourceValue(event, stored, valueObjects);
  const assignment = (stored: StoredField) => `${stored.field.name}: ${value(stored)!}`;
  const method = `on${event.name}`;
  const carriesKey = value(key) !== undefined;
  const covered = fields.filter((stored) => stored !== key && value(stored) !== undefined);
  // A column with `@default(...)` gets its default when the event does not set it.
  const missing = fields.filter((stored) => stored !== key && !stored.field.optional && stored.field.tags.default === undefined && !covered.includes(stored));
  const filled = covered.map((stored) => stored.field.name);
  const where = carriesKey ? `where: { ${assignment(key)} }` : '';
  const data = covered.map((stored) => assignment(stored)).join(', ');
  if (carriesKey && missing.length === 0) {
    return {
      event,
      method,
      kind: 'upsert',
      filled,
      doc: `Inferred by infragen: ${event.name} carries every field of ${readModel} it needs, so the row is created or updated with them.`,
      body: [`await tx.${delegate}.upsert({ ${where}, create: { ${[assignment(key), data].filter(Boolean).join(', ')} }, update: { ${data} } });`],
    };
  }
  if (carriesKey && covered.length > 0) {
    return {
      event,
      method,
      kind: 'update',
      filled,
      doc: `Inferred by infragen: ${event.name} sets ${filled.join(', ')} on the row an earlier event created (edit it if it should do more).`,
      body: [`await tx.${delegate}.updateMany({ ${where}, data: { ${data} } });`],
    };
  }
  const why = carriesKey
    ? `${event.name} carries none of ${readModel}'s fields by name and type`
    : `${event.name} has no field ${key.field.name} of ${readModel}'s key type`;
  return {
    event,
    method,
    kind: 'to-fill',
    filled: [],
    reason: why,
    doc: `TODO(infragen): ${why}; write how it changes ${readModel}, through tx (tx.${delegate}), then delete the throw.`,
    body: [`throw new Error(${tsString(`${readModel} projection: the handler of ${event.name} is not written yet (${why})`)});`],
  };
}
