import type { TypeNode } from 'ts-morph';
import { errorDiagnostic } from '../diagnostics.js';
import { Node } from './ts-morph.js';
import type { FieldModel, TypeReference } from '../model/domain.js';
import { sourceRef } from './declarations.js';
import { referenceName, typeReferenceNodes } from './type-references.js';
import { writtenType, type TypeModel } from '../model/types.js';
import type { InspectContext } from './context.js';
import { objectMembers, substitute } from './heritage.js';
import { docText, fieldTags, type RejectedTag } from './jsdoc-tags.js';
import { signatureMember, type RawMember } from './members.js';
import { locationOf, relativeFile } from './project.js';
import { mapTypeName, mapTypeNode, type MappedType } from './type-mapping.js';
import { readType, readTypeName } from './type-model.js';

const hint = 'use a primitive, a value object, an enum or another entity, or mark the field @ignore';

function declaredTypeOf(member: RawMember, context: InspectContext): TypeModel {
  if (member.typeNode) return readType(substitute(member.typeNode, member.substitution), context, { bindings: member.substitution, text: (node) => node.getText() });
  if (member.inferredType) return readTypeName(member.inferredType, member.nameNode.getSourceFile(), context);
  return writtenType({ kind: 'other', text: 'unknown' }, 'unknown (no type annotation)');
}

/**
 * The field model of a member. A type infragen cannot store is reported as IG101 at the member's name, unless
 * the field is tagged `@ignore` or `@json` (then it is kept as Json).
 */
export function buildField(member: RawMember, owner: string, context: InspectContext): FieldModel {
  const site = { owner, field: member.name };
  const rejected: RejectedTag[] = [];
  const tags = fieldTags(docText(member.docNodes), rejected);
  const declaredType = declaredTypeOf(member, context);
  const location = locationOf(member.nameNode);
  for (const { tag, reason } of rejected) {
    context.diagnostics.push(errorDiagnostic('IG102', `${owner}.${member.name}: ${tag} cannot be used: ${reason}`, location, 'write the tag as the README shows, e.g. @default("draft"), @default(now()), @map("column"), @db.VarChar(120)'));
  }
  let mapped: MappedType | undefined;
  if (member.typeNode) mapped = mapTypeNode(member.typeNode, member.substitution, site, context);
  else if (member.inferredType) mapped = mapTypeName(member.inferredType, member.nameNode.getSourceFile(), site, context);
  if (!mapped && !tags.ignore && !tags.json) {
    const parts = declaredType.bareText.split(' | ');
    // A union of types that are each storable (`string | Date`): the column needs one of them.
    const unionHint = parts.length > 1 ? `pick one type (${parts.join(' or ')}) for ${member.name}, or tag it @json (stored as Json) or @ignore` : hint;
    context.diagnostics.push(errorDiagnostic('IG101', `cannot map ${owner}.${member.name} of type ${declaredType.text}`, location, unionHint));
  }
  const type = mapped?.type ?? { kind: 'primitive', primitive: 'json', list: false };
  const isJson = type.kind === 'primitive' && type.primitive === 'json';
  const typeReferences = isJson ? jsonTypeReferences(member, context) : [];
  const jsonFields = isJson && !type.list ? jsonObjectFields(member, owner, context) : undefined;
  return {
    name: member.name,
    type,
    optional: member.optional || (mapped?.optional ?? false),
    nullable: mapped?.nullable ?? false,
    tags,
    accessor: member.accessor,
    declaredType,
    ...(typeReferences.length > 0 && { typeReferences }),
    ...(jsonFields && { jsonFields }),
    location,
  };
}

const readingJson = new Set<TypeNode>();

/** The members of a Json field's object type (`metadata: ShipmentMetadata`), as fields; undefined for other types. */
function jsonObjectFields(member: RawMember, owner: string, context: InspectContext): FieldModel[] | undefined {
  const node = member.typeNode && substitute(member.typeNode, member.substitution);
  const object = node && !readingJson.has(node) ? objectMembers(node, context.index, member.substitution) : undefined;
  if (!node || !object || object.members.length === 0) return undefined;
  readingJson.add(node);
  const before = context.diagnostics.length;
  try {
    const fields = object.members.map((signature) => {
      return buildField(signatureMember(signature), object.typeName ?? `${owner}.${member.name}`, context);
    });
    // A member infragen could not type is no error in a Json value: the value is then only checked to be an object.
    if (context.diagnostics.length === before) return fields;
    context.diagnostics.splice(before);
    return undefined;
  } finally {
    readingJson.delete(node);
  }
}

/** The declarations of the domain a Json field's type names (`ShipmentMetadata`), with their files. */
function jsonTypeReferences(member: RawMember, context: InspectContext): TypeReference[] {
  if (!member.typeNode) return [];
  const found = new Map<string, TypeReference>();
  for (const reference of typeReferenceNodes(substitute(member.typeNode, member.substitution))) {
    const name = referenceName(reference);
    const declaration = context.index.resolve(name, reference.getSourceFile());
    if (declaration && !found.has(name)) found.set(name, { name: sourceRef(declaration).exportName, file: relativeFile(declaration.getSourceFile()) });
  }
  return [...found.values()];
}

export function buildFields(members: readonly RawMember[], owner: string, context: InspectContext): FieldModel[] {
  return members.map((member) => buildField(member, owner, context));
}
