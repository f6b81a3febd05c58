import { PayloadValidationError } from './errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

/** Turns one JSON value into a typed value, or reports what it expected. */
export type Decoder<T> = (value: JsonValue) => { ok: true; value: T } | { ok: false; expected: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (expected: string) => ({ ok: false as const, expected });

export const decode = {
  string: ((value) => (typeof value === 'string' ? ok(value) : fail('a string'))) as Decoder<string>,
  number: ((value) => (typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail('a finite number'))) as Decoder<number>,
  boolean: ((value) => (typeof value === 'boolean' ? ok(value) : fail('a boolean'))) as Decoder<boolean>,
  json: ((value) => ok(value)) as Decoder<JsonValue>,
  date: ((value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date !== undefined && !Number.isNaN(date.getTime()) ? ok(date) : fail('an ISO date string');
  }) as Decoder<Date>,
  bigint: ((value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? ok(BigInt(value)) : fail('an integer string'))) as Decoder<bigint>,
  oneOf<const T extends string>(members: readonly T[]): Decoder<T> {
    return (value) => (members.includes(value as T) ? ok(value as T) : fail(`one of ${members.map((m) => JSON.stringify(m)).join(', ')}`));
  },
  list<T>(item: Decoder<T>): Decoder<T[]> {
    return (value) => {
      if (!Array.isArray(value)) return fail('an array');
      const items: T[] = [];
      for (const [index, element] of value.entries()) {
        const result = item(element);
        if (!result.ok) return fail(`an array whose item ${index} is ${result.expected}`);
        items.push(result.value);
      }
      return ok(items);
    };
  },
};

/** JSON forms of the values JSON has no type for. Absent optional values become `null`. */
export const encode = {
  date: (value: Date): string => value.toISOString(),
  bigint: (value: bigint): string => value.toString(),
  optionalDate: (value: Date | null | undefined): string | null => value?.toISOString() ?? null,
  optionalBigint: (value: bigint | null | undefined): string | null => value?.toString() ?? null,
  dateList: (values: readonly Date[]): string[] => values.map((value) => value.toISOString()),
  bigintList: (values: readonly bigint[]): string[] => values.map((value) => value.toString()),
};

/**
 * Reads the fields of one payload, collecting every problem, so a rejected message names all of them.
 * Call `assertValid()` before using the values: after a failed read they are placeholders.
 */
export class PayloadReader {
  private readonly issues: string[] = [];
  private readonly payload: JsonObject;
  private readonly eventType: string;

  constructor(
    payload: JsonValue,
    eventType: string,
  ) {
    this.eventType = eventType;
    if (!isJsonObject(payload)) {
      this.issues.push('the payload is not an object');
      this.payload = {};
    } else {
      this.payload = payload;
    }
  }

  required<T>(name: string, decoder: Decoder<T>): T {
    return this.read(name, decoder, 'required') as T;
  }

  /** A field that may be absent (or `null`, read as `undefined`). */
  optional<T>(name: string, decoder: Decoder<T>): T | undefined {
    return (this.read(name, decoder, 'optional') ?? undefined) as T | undefined;
  }

  /** A field that may be `null`; absent is read as `null` too. */
  nullable<T>(name: string, decoder: Decoder<T>): T | null {
    return (this.read(name, decoder, 'nullable') ?? null) as T | null;
  }

  assertValid(): void {
    if (this.issues.length > 0) throw new PayloadValidationError(this.eventType, this.issues);
  }

  private read<T>(name: string, decoder: Decoder<T>, presence: 'required' | 'optional' | 'nullable'): T | null | undefined {
    const value = this.payload[name];
    if (value === undefined || value === null) {
      if (presence === 'required') this.issues.push(`"${name}" is missing`);
      return undefined;
    }
    const result = decoder(value);
    if (result.ok) return result.value;
    this.issues.push(`"${name}" should be ${result.expected}`);
    return undefined;
  }
}
