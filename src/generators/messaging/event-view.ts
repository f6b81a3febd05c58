import type { Diagnostic } from '../../diagnostics.js';
import type { DomainEventModel, DomainModel } from '../../model/domain.js';
import { eventNames } from '../../model/names.js';
import { tsString } from '../../render/literals.js';
import { messagingDiagnostic } from './errors.js';
import { fieldCodec, type FieldCodec } from './field-codec.js';
import { unwrapResult } from '../unwrap-result.js';

/** What the events template prints for one domain event; every expression is decided here. */
export interface EventView {
  className: string;
  definitionName: string;
  /** The event type, as a string literal. */
  eventType: string;
  /** Its routing key, as a string literal. */
  routingKey: string;
  schemaVersion: number;
  fields: FieldCodec[];
  /** The expression rebuilding the event from the decoded locals. */
  construct: string;
  orderingKey?: string;
  occurredAt?: string;
  imports: { name: string; file: string }[];
}

const occurredAtNames = ['occurredAt', 'occurredOn', 'timestamp'];

function construction(event: DomainEventModel, values: Map<string, string>): string | undefined {
  const { construction: how } = event;
  if (how.kind === 'object-literal' || how.kind === 'unavailable') return undefined;
  const args = how.parameters.map((parameter) =>
    parameter.kind === 'field'
      ? (values.get(parameter.field) ?? 'undefined')
      : `{ ${parameter.fields.map((field) => `${field}: ${values.get(field) ?? 'undefined'}`).join(', ')} }`,
  );
  if (how.kind === 'constructor') return `new ${event.name}(${args.join(', ')})`;
  const call = `${event.name}.${how.method}(${args.join(', ')})`;
  return how.result ? unwrapResult(call, how.result, tsString(`cannot rebuild ${event.name} from its message`)) : call;
}

/** The field whose value keeps events of one aggregate in order: `aggregateId`, `<aggregate>Id`, or its identity. */
function orderingField(event: DomainEventModel, codecs: readonly FieldCodec[], aggregateKey: string | undefined): FieldCodec | undefined {
  const aggregate = event.aggregate;
  const candidates = ['aggregateId', ...(aggregateKey ? [aggregateKey] : [])];
  const identity = event.fields.find((field) => field.type.kind === 'identity' && field.type.entity === aggregate);
  const named = codecs.find((codec) => candidates.includes(codec.name) && codec.asKey !== undefined);
  return named ?? codecs.find((codec) => codec.name === identity?.name && codec.asKey !== undefined);
}

export function eventView(event: DomainEventModel, model: DomainModel): EventView | Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (event.construction.kind === 'object-literal') {
    diagnostics.push(
      messagingDiagnostic('notAClass', `Event ${event.name} is not a class`, event.source, 'Subscribers name events by their class: declare the event as a class.'),
    );
  }
  const fields: FieldCodec[] = [];
  for (const field of event.fields) {
    const codec = fieldCodec(field, model);
    if ('code' in codec) diagnostics.push(codec);
    else fields.push(codec);
  }
  const construct = construction(event, new Map(fields.map((codec) => [codec.name, codec.value])));
  if (diagnostics.length > 0 || construct === undefined) return diagnostics;
  const occurred = event.fields.find(
    (field) => occurredAtNames.includes(field.name) && field.type.kind === 'primitive' && field.type.primitive === 'Date' && !field.type.list && !field.optional && !field.nullable && field.accessor.kind === 'property',
  );
  const names = eventNames(event);
  const ordering = orderingField(event, fields, names.aggregateKey);
  return {
    className: event.name,
    definitionName: names.definition,
    eventType: tsString(event.eventType),
    routingKey: tsString(names.routingKey),
    schemaVersion: 1,
    fields,
    construct,
    ...(ordering?.asKey !== undefined && { orderingKey: ordering.asKey }),
    ...(occurred?.accessor.kind === 'property' && { occurredAt: `event.${occurred.accessor.name}` }),
    imports: [{ name: event.source.exportName, file: event.source.file }, ...fields.flatMap((codec) => codec.imports)],
  };
}
