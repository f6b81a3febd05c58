// A read model of the query side, as read by `src/inspect/read-models.ts`: a plain interface the user writes for
// `generate projection`. It is not a domain entity: it has no behaviour, no identity value objects, no repository port.
import type { FieldModel, SourceRef } from './domain.js';

export interface ReadModel {
  name: string;
  source: SourceRef;
  fields: FieldModel[];
}
