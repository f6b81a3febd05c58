import { errorDiagnostic } from '../../diagnostics.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { DomainEventModel, FieldModel, ValueObjectModel } from '../../model/domain.js';
import type { ReadModel } from '../../model/read-model.js';

/** A read-model field a projection can store: a scalar, or a string enum stored as text. */
export interface StoredField {
  field: FieldModel;
  /** The Prisma scalar type. */
  prismaType: 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'BigInt';
  /** Stored as text, read back through a cast to the interface's own type. */
  castOnRead: boolean;
}

function prismaScalar(field: FieldModel): StoredField['prismaType'] | undefined {
  const { type } = field;
  if (type.list) return undefined;
  if (type.kind === 'enum') return 'String';
  if (type.kind !== 'primitive') return undefined;
  switch (type.primitive) {
    case 'string':
      return 'String';
    case 'number':
      return field.tags.float ? 'Float' : 'Int';
    case 'boolean':
      return 'Boolean';
    case 'Date':
      return 'DateTime';
    case 'bigint':
      return 'BigInt';
    default:
      return undefined;
  }
}

export function storedFields(readModel: ReadModel): StoredField[] | Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const fields: StoredField[] = [];
  for (const field of readModel.fields) {
    const prismaType = prismaScalar(field);
    if (prismaType === undefined) {
      diagnostics.push(
        errorDiagnostic(
          'IG803',
          `${readModel.name}.${field.name} of type ${field.declaredType.text} cannot be a read-model column`,
          field.location,
          'a read model holds flat values: string, number, boolean, Date, bigint or a string enum; flatten value objects into fields of their own',
        ),
      );
    } else fields.push({ field, prismaType, castOnRead: field.type.kind === 'enum' });
  }
  return diagnostics.length > 0 ? diagnostics : fields;
}

/**
 * The key of the read model: the field tagged `@id`; else `id`; else the one `<x>Id` field every source event
 * carries (a summary of a ticket is keyed by the ticket's id). It must be a required string or number.
 */
export function keyField(readModel: ReadModel, fields: readonly StoredField[], events: readonly DomainEventModel[]): StoredField | Diagnostic {
  const tagged = fields.filter((stored) => stored.field.tags.id);
  const named = fields.find((stored) => stored.field.name === 'id');
  const carried = fields.filter(
    (stored) => /^[a-z]\w*Id$/.test(stored.field.name) && events.every((event) => event.fields.some((field) => field.name === stored.field.name)),
  );
  const key = tagged.length === 1 ? tagged[0] : (named ?? (carried.length === 1 ? carried[0] : undefined));
  if (!key || tagged.length > 1) {
    return errorDiagnostic(
      'IG802',
      tagged.length > 1
        ? `${readModel.name} tags ${tagged.map((stored) => stored.field.name).join(', ')} with @id; a read model has one key`
        : `${readModel.name} has no key: no field tagged @id, none named id, and ${carried.length === 0 ? 'no <x>Id field that every source event carries' : `several <x>Id fields every source event carries (${carried.map((stored) => stored.field.name).join(', ')})`}`,
      readModel.source,
      'tag the field that identifies a row with /** @id */ (usually the id of the aggregate the events belong to)',
    );
  }
  if (key.field.optional || (key.prismaType !== 'String' && key.prismaType !== 'Int') || key.castOnRead) {
    return errorDiagnostic(
      'IG802',
      `${readModel.name}.${key.field.name} cannot be the key: it must be a required string or number`,
      key.field.location,
      'make the key a required string (or number) field',
    );
  }
  return key;
}

/**
 * The expression reading, from `event`, the value of the read-model column `stored`: the event's field of the
 * same name, publicly readable, of the same type (a single-value value object, such as an identity, through
 * its value), present whenever the column needs it (an absent value is written as null). Undefined when there is none.
 */
export function sourceValue(event: DomainEventModel, stored: StoredField, valueObjects: readonly ValueObjectModel[]): string | undefined {
  const candidate = event.fields.find((field) => field.name === stored.field.name);
  if (!candidate || candidate.accessor.kind !== 'property' || candidate.type.list) return undefined;
  const absent = candidate.optional || candidate.nullable;
  const value = (expression: string) => (absent ? `${expression} ?? null` : expression);
  const read = `event.${candidate.accessor.name}`;
  const present = stored.field.optional || (!candidate.optional && !candidate.nullable);
  if (!present) return undefined;
  const [a, b] = [candidate.type, stored.field.type];
  if (a.kind === 'primitive' && b.kind === 'primitive') return a.primitive === b.primitive ? value(read) : undefined;
  if (a.kind === 'enum' && b.kind === 'enum') return a.name === b.name ? value(read) : undefined;
  const wrapped = a.kind === 'identity' ? a.valueObject : a.kind === 'valueObject' ? a.name : undefined;
  const shape = valueObjects.find((valueObject) => valueObject.name === wrapped)?.shape;
  if (b.kind !== 'primitive' || shape?.kind !== 'single' || shape.primitive !== b.primitive || shape.accessor.kind !== 'property') return undefined;
  // An absent value clears the column (null), rather than leaving it as an earlier event set it.
  return value(`${read}${absent ? '?' : ''}.${shape.accessor.name}`);
}
