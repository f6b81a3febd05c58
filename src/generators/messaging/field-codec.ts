import type { Diagnostic } from '../../diagnostics.js';
import { accessExpression, type ConstructionModel, type DomainModel, type FieldModel, type Primitive, type ValueObjectModel } from '../../model/domain.js';
import { messagingDiagnostic } from './errors.js';
import { tsString } from '../../render/literals.js';
import { unwrapResult } from '../unwrap-result.js';

/** How one event field travels: the expression that writes it into the payload and the decoder that reads it back. */
export interface FieldCodec {
  name: string;
  /** The local variable holding the decoded value in the deserializer. */
  local: string;
  /** The field's name as a string literal: its key in the payload. */
  key: string;
  presence: 'required' | 'optional' | 'nullable';
  /** An expression over `event`, e.g. `encode.date(event.placedAt)`. */
  encode: string;
  decoder: string;
  /** The constructor argument rebuilt from `local`, e.g. `new OrderId(orderId)`. */
  value: string;
  /** Names the events file must import for this field, with the project file declaring them. */
  imports: { name: string; file: string }[];
  /** A string expression over `event` usable as an ordering key, when the field is a scalar. */
  asKey?: string;
}

const reservedLocals = new Set(['reader', 'payload', 'event', 'decode', 'encode']);

const primitiveDecoders: Record<Primitive, string> = {
  string: 'decode.string',
  number: 'decode.number',
  boolean: 'decode.boolean',
  Date: 'decode.date',
  bigint: 'decode.bigint',
  json: 'decode.json',
};

/** The payload expression of a primitive read by `read`: dates and bigints as strings, absent values as `null`. */
function encodePrimitive(primitive: Primitive, read: string, list: boolean, absent: boolean): string {
  const one = (value: string) => (primitive === 'Date' ? `${value}.toISOString()` : primitive === 'bigint' ? `${value}.toString()` : value);
  const converted = primitive === 'Date' || primitive === 'bigint';
  const present = list ? (converted ? `${read}.map((item) => ${one('item')})` : `[...${read}]`) : primitive === 'json' ? `${read} as JsonValue` : one(read);
  if (!absent) return present;
  return list || converted ? `${read} == null ? null : ${present}` : `${read} ?? null`;
}

/** The call that rebuilds a single-value value object from its primitive. */
function constructValueObject(valueObject: ValueObjectModel, argument: string): string | undefined {
  const construction: ConstructionModel = valueObject.construction;
  if (construction.kind === 'object-literal' || construction.kind === 'unavailable') return undefined;
  const [parameter, ...rest] = construction.parameters;
  if (parameter === undefined || rest.some((extra) => !(extra.kind === 'field' && extra.optional))) return undefined;
  const args = parameter.kind === 'props' ? `{ ${parameter.fields[0] ?? 'value'}: ${argument} }` : argument;
  if (construction.kind === 'constructor') return `new ${valueObject.name}(${args})`;
  const call = `${valueObject.name}.${construction.method}(${args})`;
  return construction.result ? unwrapResult(call, construction.result, tsString(`cannot rebuild ${valueObject.name} from its message`)) : call;
}

function localName(field: FieldModel): string {
  return reservedLocals.has(field.name) ? `${field.name}Value` : field.name;
}

/** The codec of one field, or a diagnostic saying why the field cannot travel as JSON. */
export function fieldCodec(field: FieldModel, model: DomainModel): FieldCodec | Diagnostic {
  const access = accessExpression(field.accessor);
  if (access === undefined) {
    return messagingDiagnostic('unreadableField', `Event field "${field.name}" is not publicly readable`, field.location, 'Expose it with a public property or getter so the event can be serialized.');
  }
  const read = `event.${access}`;
  const local = localName(field);
  const presence = field.nullable ? 'nullable' : field.optional ? 'optional' : 'required';
  const absent = presence !== 'required';
  const base = { name: field.name, key: tsString(field.name), local, presence, imports: [] as FieldCodec['imports'] } as const;
  const { type } = field;
  if (type.kind === 'primitive') {
    const decoder = type.list ? `decode.list(${primitiveDecoders[type.primitive]})` : primitiveDecoders[type.primitive];
    const value = type.primitive === 'json' ? `${local} as ${field.declaredType.bareText}` : local;
    const asKey = !type.list && !absent && type.primitive !== 'json' ? (type.primitive === 'string' ? read : `String(${read})`) : undefined;
    return { ...base, imports: [...base.imports], encode: encodePrimitive(type.primitive, read, type.list, absent), decoder, value, ...(asKey && { asKey }) };
  }
  if (type.kind === 'enum') {
    const enumModel = model.enums.find((candidate) => candidate.name === type.name);
    if (enumModel === undefined) return unsupported(field, `enum ${type.name} is not in the model`);
    const members = enumModel.kind === 'ts-enum' ? `Object.values(${enumModel.name})` : `[${enumModel.members.map((member) => JSON.stringify(member.value)).join(', ')}]`;
    const decoder = type.list ? `decode.list(decode.oneOf(${members}))` : `decode.oneOf(${members})`;
    const imports = enumModel.kind === 'ts-enum' && enumModel.source ? [{ name: enumModel.source.exportName, file: enumModel.source.file }] : [];
    return { ...base, imports, encode: encodePrimitive('string', read, type.list, absent), decoder, value: local };
  }
  if (type.kind === 'valueObject' || type.kind === 'identity') {
    const name = type.kind === 'identity' ? type.valueObject : type.name;
    const valueObject = model.valueObjects.find((candidate) => candidate.name === name);
    if (valueObject === undefined || valueObject.shape.kind !== 'single' || accessExpression(valueObject.shape.accessor) === undefined || type.list) {
      return unsupported(field, `value object ${name} is not a single readable value`);
    }
    const rebuild = constructValueObject(valueObject, local);
    if (rebuild === undefined) return unsupported(field, `value object ${name} has no constructor or factory taking its value`);
    const inner = `${read}${absent ? '?.' : '.'}${accessExpression(valueObject.shape.accessor)}`;
    const { primitive } = valueObject.shape;
    const value = absent ? `${local} === undefined || ${local} === null ? ${local} : ${rebuild}` : rebuild;
    return {
      ...base,
      imports: [{ name: valueObject.source.exportName, file: valueObject.source.file }],
      encode: encodePrimitive(primitive, inner, false, absent),
      decoder: primitiveDecoders[primitive],
      value,
      ...(!absent && primitive !== 'json' && { asKey: primitive === 'string' ? inner : `String(${inner})` }),
    };
  }
  return unsupported(field, `fields holding a whole ${type.kind} cannot travel in an event`);
}

function unsupported(field: FieldModel, why: string): Diagnostic {
  return messagingDiagnostic('unsupportedFieldType', `Event field "${field.name}" (${field.declaredType.text}): ${why}`, field.location, 'Carry identifiers and plain values in events, not whole entities.');
}
