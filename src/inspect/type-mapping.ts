import type { SourceFile, TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import type { FieldType, Primitive } from '../model/domain.js';
import { collectionElement, collectionModel, collectionShape } from './collections.js';
import type { InspectContext } from './context.js';
import { declarationName, type Declaration } from './declarations.js';
import { registerInlineUnion, registerLiteralUnion, registerTsEnum, stringLiterals } from './enums.js';
import { noSubstitution, objectMembers, substitute, type Substitution } from './heritage.js';
import { pascalCase } from './naming.js';
import { locationOf } from './project.js';

export interface MappedType {
  type: FieldType;
  optional: boolean;
  nullable: boolean;
}

/** Who owns the type being mapped, to name inline unions `<Owner><Field>`. */
export interface MappingSite {
  owner: string;
  field: string;
}

const keywords: Partial<Record<SyntaxKind, Primitive>> = {
  [SyntaxKind.StringKeyword]: 'string',
  [SyntaxKind.NumberKeyword]: 'number',
  [SyntaxKind.BooleanKeyword]: 'boolean',
  [SyntaxKind.BigIntKeyword]: 'bigint',
  [SyntaxKind.UnknownKeyword]: 'json',
  [SyntaxKind.ObjectKeyword]: 'json',
  [SyntaxKind.AnyKeyword]: 'json',
  [SyntaxKind.TemplateLiteralType]: 'string',
  [SyntaxKind.TypeLiteral]: 'json',
  [SyntaxKind.MappedType]: 'json',
};

const primitiveNames: Record<string, Primitive> = { string: 'string', number: 'number', boolean: 'boolean', bigint: 'bigint', Date: 'Date', unknown: 'json', object: 'json' };

const plain = (type: FieldType): MappedType => ({ type, optional: false, nullable: false });
const primitive = (name: Primitive): MappedType => plain({ kind: 'primitive', primitive: name, list: false });

function isNull(node: TypeNode): boolean {
  return Node.isLiteralTypeNode(node) && node.getLiteral().getKind() === SyntaxKind.NullKeyword;
}

function isBooleanLiteral(node: TypeNode): boolean {
  return Node.isLiteralTypeNode(node) && [SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword].includes(node.getLiteral().getKind());
}

function asList(mapped: MappedType | undefined): MappedType | undefined {
  if (!mapped || mapped.type.list || mapped.optional) return undefined;
  return plain({ ...mapped.type, list: true });
}

/** A declaration of the domain used as a type. */
function mapDeclaration(declaration: Declaration, site: MappingSite, context: InspectContext, depth: number): MappedType | undefined {
  const name = declarationName(declaration);
  const { entities, valueObjects, identities } = context.classification;
  if (entities.has(declaration)) return plain({ kind: 'entity', name, list: false });
  if (Node.isEnumDeclaration(declaration)) return plain({ kind: 'enum', name: registerTsEnum(declaration, context), list: false });
  if (Node.isClassDeclaration(declaration)) {
    const element = collectionElement(declaration, context);
    if (element && entities.has(element)) {
      const entity = declarationName(element);
      const { items } = collectionShape(declaration, context)!;
      return plain({ kind: 'entity', name: entity, list: true, collection: collectionModel(declaration, entity, items, context) });
    }
    if (!valueObjects.has(declaration)) return undefined;
    const entity = identities.get(name);
    return plain(entity ? { kind: 'identity', valueObject: name, entity, list: false } : { kind: 'valueObject', name, list: false });
  }
  if (Node.isInterfaceDeclaration(declaration)) return primitive('json');
  const aliased = declaration.getTypeNode();
  if (!aliased || declaration.getTypeParameters().length > 0) return undefined;
  const literals = stringLiterals(Node.isUnionTypeNode(aliased) ? aliased.getTypeNodes() : [aliased]);
  if (literals) return plain({ kind: 'enum', name: registerLiteralUnion(declaration, literals, context), list: false });
  if (objectMembers(aliased, context.index)) return primitive('json');
  return mapTypeNode(aliased, noSubstitution, site, context, depth + 1);
}

function mapReference(name: string, args: readonly TypeNode[], from: SourceFile, site: MappingSite, context: InspectContext, depth: number): MappedType | undefined {
  const [first] = args;
  if ((name === 'Array' || name === 'ReadonlyArray') && first) return asList(mapTypeNode(first, noSubstitution, site, context, depth + 1));
  if ((name === 'Readonly' || name === 'NonNullable') && first) return mapTypeNode(first, noSubstitution, site, context, depth + 1);
  if (name === 'Record') return primitive('json');
  if (name === 'Date') return primitive('Date');
  const declaration = context.index.resolve(name, from);
  return declaration ? mapDeclaration(declaration, site, context, depth) : undefined;
}

function mapUnion(parts: readonly TypeNode[], site: MappingSite, context: InspectContext, depth: number, at: Node): MappedType | undefined {
  const nullable = parts.some(isNull);
  const optional = nullable || parts.some((part) => part.getKind() === SyntaxKind.UndefinedKeyword);
  const rest = parts.filter((part) => !isNull(part) && part.getKind() !== SyntaxKind.UndefinedKeyword);
  const literals = stringLiterals(rest);
  let mapped: MappedType | undefined;
  if (literals) mapped = plain({ kind: 'enum', name: registerInlineUnion(`${site.owner}${pascalCase(site.field)}`, literals, locationOf(at), context), list: false });
  else if (rest.length > 0 && rest.every(isBooleanLiteral)) mapped = primitive('boolean');
  else if (rest.length === 1 && rest[0]) mapped = mapTypeNode(rest[0], noSubstitution, site, context, depth + 1);
  return mapped && { ...mapped, optional: mapped.optional || optional, nullable: mapped.nullable || nullable };
}

/** The field type of a written type, or undefined when infragen cannot store it. */
export function mapTypeNode(written: TypeNode, substitution: Substitution, site: MappingSite, context: InspectContext, depth = 0): MappedType | undefined {
  if (depth > 10) return undefined;
  const node = substitute(written, substitution);
  const keyword = keywords[node.getKind()];
  if (keyword) return primitive(keyword);
  if (Node.isParenthesizedTypeNode(node)) return mapTypeNode(node.getTypeNode(), substitution, site, context, depth + 1);
  if (Node.isTypeOperatorTypeNode(node)) return mapTypeNode(node.getTypeNode(), substitution, site, context, depth + 1);
  if (Node.isArrayTypeNode(node)) return asList(mapTypeNode(node.getElementTypeNode(), substitution, site, context, depth + 1));
  if (Node.isUnionTypeNode(node)) return mapUnion(node.getTypeNodes().map((part) => substitute(part, substitution)), site, context, depth, node);
  if (Node.isLiteralTypeNode(node)) {
    if (isBooleanLiteral(node)) return primitive('boolean');
    if (Node.isNumericLiteral(node.getLiteral())) return primitive('number');
    return mapUnion([node], site, context, depth, node);
  }
  if (Node.isTypeReference(node)) return mapReference(node.getTypeName().getText(), node.getTypeArguments(), node.getSourceFile(), site, context, depth);
  return undefined;
}

/** A type inferred from an initializer: a primitive name or a class name (`new Date()`). */
export function mapTypeName(name: string, from: SourceFile, site: MappingSite, context: InspectContext): MappedType | undefined {
  const known = primitiveNames[name];
  return known ? primitive(known) : mapReference(name, [], from, site, context, 0);
}
