import type { EnumDeclaration, TypeAliasDeclaration, TypeNode } from 'ts-morph';
import { Node } from './ts-morph.js';
import type { EnumMember, EnumModel, SourceLocation } from '../model/domain.js';
import type { InspectContext } from './context.js';
import { sourceRef } from './declarations.js';

/** A valid identifier for a literal: `in-progress` → `in_progress`, `1st` → `v1st`, unique within the enum. */
function memberNames(values: readonly string[]): EnumMember[] {
  const used = new Set<string>();
  return values.map((value) => {
    let name = value.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'empty';
    if (/^[0-9]/.test(name)) name = `v${name}`;
    let unique = name;
    for (let suffix = 2; used.has(unique); suffix += 1) unique = `${name}_${suffix}`;
    used.add(unique);
    return { name: unique, value };
  });
}

/** The string literals of `'a' | 'b'` (or of one `'a'`), or undefined when the type is anything else. */
export function stringLiterals(nodes: readonly TypeNode[]): string[] | undefined {
  const values: string[] = [];
  for (const node of nodes) {
    if (!Node.isLiteralTypeNode(node)) return undefined;
    const literal = node.getLiteral();
    if (!Node.isStringLiteral(literal) && !Node.isNoSubstitutionTemplateLiteral(literal)) return undefined;
    values.push(literal.getLiteralValue());
  }
  return values.length > 0 ? values : undefined;
}

const sameMembers = (a: EnumModel, b: EnumModel): boolean => JSON.stringify(a.members) === JSON.stringify(b.members);

/** Registers an enum once; an inline union whose name is taken (by another enum or a declared type) gets a numbered name. */
function register(context: InspectContext, model: EnumModel): string {
  let name = model.name;
  for (let suffix = 2; model.kind === 'inline-union'; suffix += 1) {
    const existing = context.enums.get(name);
    if (existing ? existing.kind === 'inline-union' && sameMembers(existing, model) : !context.declaredTypeNames.has(name)) break;
    name = `${model.name}${suffix}`;
  }
  if (!context.enums.has(name)) context.enums.set(name, { ...model, name });
  return name;
}

/** A TS enum; members without a string initializer take their number (or position) as value. */
export function registerTsEnum(declaration: EnumDeclaration, context: InspectContext): string {
  if (context.enums.get(declaration.getName())?.kind === 'ts-enum') return declaration.getName();
  let next = 0;
  const members = declaration.getMembers().map((member) => {
    const initializer = member.getInitializer();
    if (initializer && (Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer))) {
      return { name: member.getName(), value: initializer.getLiteralValue() };
    }
    if (initializer && Node.isNumericLiteral(initializer)) next = Number(initializer.getLiteralValue());
    const value = String(next);
    next += 1;
    return { name: member.getName(), value };
  });
  const source = sourceRef(declaration);
  const { exportName: _exportName, ...location } = source;
  return register(context, { name: declaration.getName(), kind: 'ts-enum', source, location, members });
}

/** A named union of string literals: `type Tier = 'standard' | 'gold'`. */
export function registerLiteralUnion(declaration: TypeAliasDeclaration, values: readonly string[], context: InspectContext): string {
  const source = sourceRef(declaration);
  const { exportName: _exportName, ...location } = source;
  return register(context, { name: declaration.getName(), kind: 'literal-union', source, location, members: memberNames(values) });
}

/** A union written on a field, named `<Owner><Field>`. */
export function registerInlineUnion(name: string, values: readonly string[], location: SourceLocation, context: InspectContext): string {
  return register(context, { name, kind: 'inline-union', location, members: memberNames(values) });
}
