// Types as the domain writes them in signatures and fields, read once by `src/inspect` so that generators
// ask "is it a list of entities" of data instead of matching the text.

export type TypePrimitive = 'string' | 'number' | 'boolean' | 'bigint' | 'Date';

/** What a type names once `Promise<…>`, the list and `| null`/`| undefined` are taken off. */
export type TypeTarget =
  | { kind: 'primitive'; primitive: TypePrimitive }
  | { kind: 'void' }
  | { kind: 'entity'; name: string }
  | { kind: 'valueObject'; name: string }
  /** An identity value object (`CustomerId`) and the entity it identifies. */
  | { kind: 'identity'; valueObject: string; entity: string }
  | { kind: 'enum'; name: string }
  | { kind: 'record'; key: TypeModel; value: TypeModel }
  /** Anything else: a union, a library type, a type parameter; `text` as written. */
  | { kind: 'other'; text: string };

export interface TypeModel {
  /** As the user wrote it (`Promise<User | null>`): only for printing it back. */
  text: string;
  /** As written without `Promise<…>`, `| null` and `| undefined` (`User[]`): for casts. */
  bareText: string;
  /** `Promise<T>`: the other properties describe `T`. */
  async: boolean;
  /** `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`: `target` is `T`. */
  list: boolean;
  /** Admits `null`. */
  nullable: boolean;
  /** Admits `undefined` (a `?` on the parameter or field is not part of its type). */
  undefinable: boolean;
  target: TypeTarget;
}

/** A type generated code declares itself (conventional methods, generated ports), printed as `text`. */
export function writtenType(target: TypeTarget, text: string, list = false): TypeModel {
  return { text, bareText: text, async: false, list, nullable: false, undefinable: false, target };
}

/** `T` → `T | null`. */
export function orNull(type: TypeModel): TypeModel {
  return { ...type, text: `${type.text} | null`, nullable: true };
}

/** `T` → `Promise<T>`. */
export function promiseOf(type: TypeModel): TypeModel {
  return { ...type, text: `Promise<${type.text}>`, async: true };
}

/** One `T` (once awaited, for a promise): not a list, neither null nor undefined. */
export function isPlain(type: TypeModel): boolean {
  return !type.list && !type.nullable && !type.undefinable;
}

/** The value object a type holds (`Email`, `readonly CustomerId[]`), if it holds one. */
export function valueObjectOf(type: TypeModel): string | undefined {
  const { target } = type;
  return target.kind === 'valueObject' ? target.name : target.kind === 'identity' ? target.valueObject : undefined;
}
