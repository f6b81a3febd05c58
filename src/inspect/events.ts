import type { ClassDeclaration } from 'ts-morph';
import type { DomainEventModel } from '../model/domain.js';
import { classConstruction } from './construction.js';
import type { InspectContext } from './context.js';
import { declarationName, sourceRef } from './declarations.js';
import { buildFields } from './fields.js';
import { pascalWords, snakeCase } from './naming.js';

/**
 * `OrderPlaced`/`OrderPlacedEvent` → `order.placed`, aggregate `Order`. The aggregate is the longest leading run of
 * words naming an entity (or an identity value object's entity); without one, the first word names the topic.
 */
export function eventNaming(name: string, entities: ReadonlySet<string>): { eventType: string; aggregate?: string } {
  const words = pascalWords(name.replace(/(Domain)?Event$/, '') || name);
  let split = 0;
  for (let count = words.length - 1; count >= 1 && split === 0; count -= 1) {
    if (entities.has(words.slice(0, count).join(''))) split = count;
  }
  const head = words.slice(0, Math.max(split, 1)).join('');
  const rest = words.slice(Math.max(split, 1)).join('');
  const eventType = rest ? `${snakeCase(head)}.${snakeCase(rest)}` : snakeCase(head);
  return { eventType, ...(split > 0 && { aggregate: head }) };
}

export function eventModel(declaration: ClassDeclaration, context: InspectContext): DomainEventModel {
  const name = declarationName(declaration);
  const fields = buildFields(context.shape(declaration).members, name, context);
  const known = new Set([...[...context.classification.entities].map(declarationName), ...context.classification.identities.values()]);
  return {
    name,
    source: sourceRef(declaration),
    ...eventNaming(name, known),
    fields,
    construction: classConstruction(declaration, fields, context),
  };
}
