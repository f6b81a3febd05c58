import type { TypeNode } from 'ts-morph';
import { Node } from './ts-morph.js';

/** Every type reference inside a type node (`Promise<Order | null>` → Promise, Order), in order of appearance. */
export function typeReferenceNodes(node: Node): TypeNode[] {
  const found: TypeNode[] = [];
  const visit = (current: Node): void => {
    if (Node.isTypeReference(current)) found.push(current);
    current.forEachChild(visit);
  };
  visit(node);
  return found;
}

export function referenceName(node: TypeNode): string {
  return Node.isTypeReference(node) ? node.getTypeName().getText() : node.getText();
}
