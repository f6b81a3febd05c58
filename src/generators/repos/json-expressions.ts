// Json columns both ways: domain values to plain JSON (Dates as ISO text, value objects as their values or objects
// of their parts), and back through checked conversions (json-values.ts) to the types the domain declares.
import { accessExpression, type FieldModel, type FieldType, type ValueObjectModel } from '../../model/domain.js';
import type { TypeModel } from '../../model/types.js';
import { tsString } from '../../render/literals.js';
import { construct } from './domain-expressions.js';
import { UnsupportedMapping, type DomainLookup } from './domain-lookup.js';
import type { ImportSet } from './imports.js';

export interface JsonReadContext {
  lookup: DomainLookup;
  imports: ImportSet;
  /** Imports a checked conversion from the generated json-values.ts and returns its name. */
  helper(name: 'jsonObject' | 'jsonArray' | 'jsonString' | 'jsonNumber' | 'jsonBoolean' | 'jsonDate' | 'jsonRecord'): string;
}

const propertyKey = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name));

const primitiveHelpers = { string: 'jsonString', number: 'jsonNumber', boolean: 'jsonBoolean', Date: 'jsonDate' } as const;

function primitiveFromJson(primitive: string, value: string, label: string, ctx: JsonReadContext): string | undefined {
  if (primitive === 'bigint') return `BigInt(${ctx.helper('jsonString')}(${value}, ${tsString(label)}))`;
  const helper = primitiveHelpers[primitive as keyof typeof primitiveHelpers];
  return helper && `${ctx.helper(helper)}(${value}, ${tsString(label)})`;
}

/** A field of the declared type `type`, stored whole in a Json column (`Record<string, string>`, an interface). */
export function declaredFromJson(value: string, label: string, type: TypeModel, field: FieldModel, ctx: JsonReadContext): string {
  for (const reference of field.typeReferences ?? []) if (reference.file) ctx.imports.add(reference.name, reference.file, { typeOnly: true });
  const { target } = type;
  if (type.list) return `${ctx.helper('jsonArray')}(${value}, ${tsString(label)}) as unknown as ${type.bareText}`;
  if (target.kind === 'record' && target.value.target.kind === 'primitive' && !target.value.list) {
    const helper = primitiveHelpers[target.value.target.primitive as keyof typeof primitiveHelpers];
    if (helper) return `${ctx.helper('jsonRecord')}(${value}, ${tsString(label)}, ${ctx.helper(helper)})`;
  }
  if (target.kind === 'primitive') return primitiveFromJson(target.primitive, value, label, ctx) ?? value;
  if (field.jsonFields && !type.list) {
    // An interface or object type of the domain: every member checked and converted.
    const object = `${ctx.helper('jsonObject')}(${value}, ${tsString(label)})`;
    return `{ ${field.jsonFields.map((part) => `${propertyKey(part.name)}: ${partFromJson(part, `${object}[${tsString(part.name)}]`, `${label}.${part.name}`, ctx)}`).join(', ')} }`;
  }
  if (target.kind === 'other' && ['unknown', 'any'].includes(type.bareText)) return value;
  return `${ctx.helper('jsonObject')}(${value}, ${tsString(label)}) as unknown as ${type.bareText}`;
}

/** One part of a value object read from its Json object. */
function partFromJson(part: FieldModel, value: string, label: string, ctx: JsonReadContext): string {
  const one = (item: string): string => {
    const type = part.type;
    if (type.kind === 'primitive') return type.primitive === 'json' ? declaredFromJson(item, label, { ...part.declaredType, list: false }, part, ctx) : primitiveFromJson(type.primitive, item, label, ctx)!;
    if (type.kind === 'enum') {
      const stored = ctx.lookup.enum(type.name);
      if (stored?.source) ctx.imports.add(stored.source.exportName, stored.source.file, { typeOnly: true });
      return `${ctx.helper('jsonString')}(${item}, ${tsString(label)}) as ${stored?.source ? stored.source.exportName : part.declaredType.bareText.replace(/\[\]$/, '')}`;
    }
    const nested = type.kind === 'valueObject' ? type.name : type.kind === 'identity' ? type.valueObject : undefined;
    const valueObject = nested === undefined ? undefined : ctx.lookup.valueObject(nested);
    if (valueObject) return valueObjectFromJson(valueObject, item, label, ctx);
    throw new UnsupportedMapping(`${label} holds ${part.declaredType.text}, which cannot be stored inside Json`, part, 'store it as its own column, or tag it @ignore');
  };
  const read = part.type.list ? `${ctx.helper('jsonArray')}(${value}, ${tsString(label)}).map((element) => ${one('element')})` : one(value);
  return part.optional ? `(${value} === undefined || ${value} === null ? ${part.nullable ? 'null' : 'undefined'} : ${read})` : read;
}

/** A value object rebuilt through its own construction from the Json it was stored as. */
export function valueObjectFromJson(valueObject: ValueObjectModel, value: string, label: string, ctx: JsonReadContext): string {
  ctx.imports.add(valueObject.name, valueObject.source.file);
  const shape = valueObject.shape;
  if (shape.kind === 'single') {
    const primitive = primitiveFromJson(shape.primitive, value, label, ctx) ?? value;
    return construct(valueObject.name, valueObject.construction, () => primitive);
  }
  const object = `${ctx.helper('jsonObject')}(${value}, ${tsString(label)})`;
  return construct(valueObject.name, valueObject.construction, (name) => {
    const part = shape.fields.find((candidate) => candidate.name === name);
    if (!part) throw new UnsupportedMapping(`${valueObject.name} is built with "${name}", which is not one of its fields`);
    return partFromJson(part, `${object}[${tsString(name)}]`, `${label}.${name}`, ctx);
  });
}

/** A domain value as plain JSON: Dates as ISO text, value objects as their value or an object of their parts. */
export function jsonOf(expression: string, type: FieldType, optional: boolean, lookup: DomainLookup): string {
  const one = (item: string): string => {
    if (type.kind === 'primitive') return type.primitive === 'Date' ? `${item}.toISOString()` : type.primitive === 'bigint' ? `${item}.toString()` : item;
    const name = type.kind === 'valueObject' ? type.name : type.kind === 'identity' ? type.valueObject : undefined;
    const valueObject = name === undefined ? undefined : lookup.valueObject(name);
    if (!valueObject) return item;
    const shape = valueObject.shape;
    if (shape.kind === 'single') {
      const accessor = accessExpression(shape.accessor);
      if (!accessor) throw new UnsupportedMapping(`the value object ${valueObject.name} does not expose its value`, undefined, `add a \`get value()\` to ${valueObject.name}`);
      return jsonOf(`${item}.${accessor}`, { kind: 'primitive', primitive: shape.primitive, list: false }, false, lookup);
    }
    const parts = shape.fields.map((part) => {
      const accessor = accessExpression(part.accessor);
      if (!accessor) throw new UnsupportedMapping(`${valueObject.name}.${part.name} is stored but cannot be read from a ${valueObject.name}`, part, `add a getter \`get ${part.name}()\` to ${valueObject.name}`);
      return `${part.name}: ${jsonOf(`${item}.${accessor}`, part.type, part.optional, lookup)}`;
    });
    return `({ ${parts.join(', ')} })`;
  };
  const plain = one('item');
  const simple = plain === 'item';
  if (type.list) return simple ? expression : `${expression}${optional ? '?.' : '.'}map((item) => ${plain})`;
  if (simple) return expression;
  return optional ? `(${expression} === undefined || ${expression} === null ? ${expression} : ${one(expression)})` : one(expression);
}
