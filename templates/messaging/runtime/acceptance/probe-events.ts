import { defineEvent, EventCatalog } from '../messaging/shared/event-definition.js';
import { decode, encode, PayloadReader } from '../messaging/shared/payload-reader.js';

/** The event the acceptance suite sends through each broker, independent of the domain's own events. */
export class ProbeEvent {
  readonly aggregateId: string;
  readonly sequence: number;
  readonly text: string;
  readonly at: Date;
  readonly tags: string[];

  constructor(
    aggregateId: string,
    sequence: number,
    text: string,
    at: Date,
    tags: string[],
  ) {
    this.aggregateId = aggregateId;
    this.sequence = sequence;
    this.text = text;
    this.at = at;
    this.tags = tags;
  }
}

export const probeEventDefinition = defineEvent<ProbeEvent>({
  eventClass: ProbeEvent,
  eventType: 'probe.happened',
  schemaVersion: 1,
  routingKey: 'probe.happened',
  serialize: (event) => ({ aggregateId: event.aggregateId, sequence: event.sequence, text: event.text, at: encode.date(event.at), tags: event.tags }),
  deserialize(payload) {
    const reader = new PayloadReader(payload, 'probe.happened');
    const aggregateId = reader.required('aggregateId', decode.string);
    const sequence = reader.required('sequence', decode.number);
    const text = reader.required('text', decode.string);
    const at = reader.required('at', decode.date);
    const tags = reader.required('tags', decode.list(decode.string));
    reader.assertValid();
    return new ProbeEvent(aggregateId, sequence, text, at, tags);
  },
  orderingKey: (event) => event.aggregateId,
  occurredAt: (event) => event.at,
});

export const probeCatalog = new EventCatalog<ProbeEvent>([probeEventDefinition]);

export function probe(sequence: number, aggregateId = `aggregate-${sequence % 10}`): ProbeEvent {
  return new ProbeEvent(aggregateId, sequence, `probe ${sequence} — ünïcødé`, new Date(1_700_000_000_000 + sequence), [`tag-${sequence % 3}`]);
}
