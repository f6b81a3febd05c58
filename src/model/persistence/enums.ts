import type { EnumModel } from '../domain.js';
import { enumDbName, isPrismaIdentifier } from '../names.js';
import type { PlanningContext } from './context.js';
import type { StoredEnum, StoredModel } from './types.js';

/**
 * A Prisma enum for a domain enum. Members are named after the domain's values when those are valid
 * identifiers, so Prisma Client hands back exactly the values the domain uses.
 */
export function storedEnum(model: EnumModel, ctx: PlanningContext): StoredEnum {
  const dbName = enumDbName(model.name, ctx.options.naming);
  return {
    name: model.name,
    ...(dbName !== model.name ? { dbName } : {}),
    members: model.members.map((member) => ({ name: isPrismaIdentifier(member.value) ? member.value : member.name, value: member.value })),
    ...(model.source ? { source: model.source } : {}),
    location: model.location,
  };
}

/** The enums the stored models use, in the domain's order. */
export function usedEnums(models: readonly StoredModel[], enums: readonly EnumModel[], ctx: PlanningContext): StoredEnum[] {
  const used = new Set(models.flatMap((model) => model.fields.flatMap((field) => (field.kind === 'column' && typeof field.type === 'object' ? [field.type.enum] : []))));
  return enums.filter((model) => used.has(model.name)).map((model) => storedEnum(model, ctx));
}

/** `@default("pending")` on an enum field names the member, as Prisma wants: `@default(pending)`. */
export function enumDefault(raw: string, stored: StoredEnum): string {
  const value = raw.replace(/^["']|["']$/g, '');
  return stored.members.find((member) => member.value === value || member.name === value)?.name ?? raw;
}
