import type { ClassDeclaration } from 'ts-morph';
import { Node, Scope } from './ts-morph.js';
import type { EntityModel, FieldAccessor, FieldModel, Primitive, ValueObjectModel, ValueObjectShape } from '../model/domain.js';
import { classConstruction } from './construction.js';
import type { InspectContext } from './context.js';
import { declarationName, sourceRef, type Declaration } from './declarations.js';
import { buildFields } from './fields.js';
import { baseChain, baseNames } from './heritage.js';
import { docText, fieldTags, hasTag, tableTag } from './jsdoc-tags.js';
import { objectShape, type RawMember } from './members.js';
import { pendingEvents } from './pending-events.js';
import { mapTypeNode } from './type-mapping.js';
import { locationOf } from './project.js';
import { warningDiagnostic } from '../diagnostics.js';

export function entityModel(declaration: Declaration, context: InspectContext): EntityModel | undefined {
  if (Node.isEnumDeclaration(declaration)) return undefined;
  const name = declarationName(declaration);
  const doc = docText([declaration]);
  const table = tableTag(doc);
  const common = {
    name,
    source: sourceRef(declaration),
    isAggregateRoot: context.classification.aggregateRoots.has(name),
    ...(table !== undefined && { table }),
    ...(hasTag(doc, 'versioned') && { versioned: true }),
  };
  if (Node.isClassDeclaration(declaration)) {
    const shape = context.shape(declaration);
    const fields = buildFields(shape.members, name, context);
    warnUnreadState(shape.hidden, name, context);
    const events = common.isAggregateRoot ? pendingEvents(declaration, context.index, context.eventNames, context.diagnostics) : undefined;
    return { ...common, style: shape.style, fields, construction: classConstruction(declaration, fields, context), ...(events && { events }) };
  }
  const fields = buildFields(objectShape(declaration, context.index) ?? [], name, context);
  const style = Node.isInterfaceDeclaration(declaration) ? 'interface' : 'type-alias';
  return { ...common, style, fields, construction: { kind: 'object-literal' } };
}

/** Value objects whose value type cannot be read (a library base, `Identifier<string | number>`): guessed by base name. */
const baseGuesses: [RegExp, Primitive][] = [
  [/^String|Uuid|UUID|Identifier|Id$/, 'string'],
  [/^(Number|Int|Float)/, 'number'],
  [/^Bool/, 'boolean'],
  [/^Date/, 'Date'],
];

/** Public methods that return an identity class's private value, in order of preference. */
const valueMethods = ['toValue', 'getValue', 'unwrap', 'toPrimitive', 'valueOf'];

/**
 * How to read a private value: a `toValue()`-like method, or `toString()` when the value's type could not be read
 * (`Identifier<string | number>` is stored as text, and `toValue()` would give the union).
 */
function hiddenValueAccessor(declaration: ClassDeclaration, context: InspectContext, typeKnown: boolean): FieldAccessor | undefined {
  const names = new Set(
    baseChain(declaration, context.index).flatMap((link) =>
      link.declaration
        .getMethods()
        .filter((method) => !method.isStatic() && (!method.hasScopeKeyword() || method.getScope() === Scope.Public) && method.getParameters().length === 0)
        .map((method) => method.getName()),
    ),
  );
  const name = typeKnown ? valueMethods.find((candidate) => names.has(candidate)) : names.has('toString') ? 'toString' : undefined;
  return name ? { kind: 'method', name } : undefined;
}

/** The shape of a value object with no readable field: its private `value`, or a guess from its base's name. */
function hiddenValueShape(declaration: ClassDeclaration, context: InspectContext): ValueObjectShape | undefined {
  const { hidden } = context.shape(declaration);
  const value = hidden.length === 1 ? hidden[0] : hidden.find((member) => member.name === 'value');
  const name = declarationName(declaration);
  const mapped = value?.typeNode && mapTypeNode(value.typeNode, value.substitution, { owner: name, field: value.name }, context);
  if (mapped?.type.kind === 'primitive' && !mapped.type.list) {
    const primitive = mapped.type.primitive;
    return { kind: 'single', primitive, accessor: hiddenValueAccessor(declaration, context, true) ?? (primitive === 'string' ? hiddenValueAccessor(declaration, context, false) : undefined) ?? { kind: 'none' } };
  }
  const guess = baseNames(declaration, context.index)
    .map((base) => baseGuesses.find(([pattern]) => pattern.test(base))?.[1])
    .find((primitive) => primitive !== undefined);
  if (!guess) return undefined;
  if (!value) return { kind: 'single', primitive: guess, accessor: { kind: 'property', name: 'value' } };
  return { kind: 'single', primitive: guess, accessor: (guess === 'string' ? hiddenValueAccessor(declaration, context, false) : hiddenValueAccessor(declaration, context, true)) ?? { kind: 'none' } };
}

/** A value object is `single` when its whole state is one primitive `value` (own, in props, or inherited). */
export function valueObjectModel(declaration: ClassDeclaration, context: InspectContext): ValueObjectModel {
  const name = declarationName(declaration);
  const shape = context.shape(declaration);
  const fields = buildFields(shape.members, name, context);
  const [only] = fields;
  const identifies = context.classification.identities.get(name);
  let valueShape: ValueObjectShape = { kind: 'composite', fields };
  // One primitive field, whatever its name (`value`, `name`, `email`, `amount`): stored as that primitive.
  if (fields.length === 1 && only?.type.kind === 'primitive' && !only.type.list) {
    valueShape = { kind: 'single', primitive: only.type.primitive, accessor: only.accessor };
  } else if (fields.length === 0) {
    valueShape = hiddenValueShape(declaration, context) ?? valueShape;
  }
  const valueField = { name: 'value', optional: false, tags: {} } as FieldModel;
  const hiddenValue = fields.length === 0 && valueShape.kind === 'single';
  let construction = classConstruction(declaration, hiddenValue ? [valueField] : fields, context);
  if (hiddenValue && construction.kind === 'constructor' && construction.parameters.length === 0) {
    // The constructor lives in a library base (`extends Uuid`): the convention is `new X(value)`.
    construction = { kind: 'constructor', parameters: [{ kind: 'field', field: 'value', optional: false }] };
  }
  const lengths = declaredLengths(declaration);
  return { name, source: sourceRef(declaration), shape: valueShape, construction, ...(identifies && { identifies }), ...(lengths && { lengths }) };
}

/** `static maxLength = 15`, `static readonly MIN_LENGTH = 2`: bounds the class validates its value against. */
function declaredLengths(declaration: ClassDeclaration): ValueObjectModel['lengths'] {
  const bound = (pattern: RegExp): number | undefined => {
    const property = declaration.getStaticProperties().find((member) => Node.isPropertyDeclaration(member) && pattern.test(member.getName()));
    const initializer = property && Node.isPropertyDeclaration(property) ? property.getInitializer() : undefined;
    return initializer && Node.isNumericLiteral(initializer) ? initializer.getLiteralValue() : undefined;
  };
  const min = bound(/^min_?length$/i);
  const max = bound(/^max_?length$/i);
  return min === undefined && max === undefined ? undefined : { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
}

/** Private state nothing reads is not stored: said once per member, so that no field disappears without a word. */
function warnUnreadState(hidden: readonly RawMember[], owner: string, context: InspectContext): void {
  for (const member of hidden) {
    if (/events$/i.test(member.name) || fieldTags(docText(member.docNodes)).ignore) continue;
    context.diagnostics.push(
      warningDiagnostic(
        'IG103',
        `${owner}.${member.name} is private and no getter or accessor method reads it: it is not stored`,
        locationOf(member.nameNode),
        `add \`get ${member.name}()\` or \`get${member.name.charAt(0).toUpperCase()}${member.name.slice(1)}()\` to ${owner} to store it, or tag it @ignore`,
      ),
    );
  }
}
