import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import { tsString } from '../render/literals.js';

let loaded: typeof TsMorph | undefined;

/** ts-morph (and TypeScript with it), loaded on the first edit: most runs only keep prisma.config.ts as it is. */
function tsMorph(): typeof TsMorph {
  loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return loaded;
}

/** What adding a seed command to an existing `prisma.config.ts` gives: new text, or why it was left alone. */
export type SeedEdit =
  | { kind: 'edited'; text: string }
  | { kind: 'already-set' }
  | { kind: 'other-seed'; current: string }
  | { kind: 'unreadable'; reason: string };

/**
 * Sets `migrations.seed` in a `prisma.config.ts` through its syntax tree (the file is the user's): a seed
 * command the user chose is left alone. The command is printed as a string literal, never pasted as code.
 */
export function addSeedToPrismaConfig(text: string, file: string, command: string): SeedEdit {
  const { Node, Project, SyntaxKind } = tsMorph();
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile(file, text);
  const config = configObject(source.getDefaultExportSymbol()?.getDeclarations()[0]);
  if (!config) return { kind: 'unreadable', reason: 'it has no configuration object infragen can read' };
  const literal = tsString(command);
  const migrations = config.getProperty('migrations');
  if (!migrations) {
    config.addPropertyAssignment({ name: 'migrations', initializer: `{ seed: ${literal} }` });
    return { kind: 'edited', text: source.getFullText() };
  }
  const object = Node.isPropertyAssignment(migrations) ? migrations.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression) : undefined;
  if (!object) return { kind: 'unreadable', reason: '`migrations` is not an object literal' };
  const seed = object.getProperty('seed');
  if (seed) {
    const current = Node.isPropertyAssignment(seed) ? seed.getInitializerIfKind(SyntaxKind.StringLiteral)?.getLiteralValue() : undefined;
    return current === command ? { kind: 'already-set' } : { kind: 'other-seed', current: seed.getText() };
  }
  object.addPropertyAssignment({ name: 'seed', initializer: literal });
  return { kind: 'edited', text: source.getFullText() };
}

/** The object of `export default defineConfig({ … })` or `export default { … }`. */
function configObject(declaration: TsMorph.Node | undefined): TsMorph.ObjectLiteralExpression | undefined {
  const { Node } = tsMorph();
  const expression = Node.isExportAssignment(declaration) ? declaration.getExpression() : undefined;
  if (Node.isObjectLiteralExpression(expression)) return expression;
  if (Node.isCallExpression(expression)) {
    const [argument] = expression.getArguments();
    if (Node.isObjectLiteralExpression(argument)) return argument;
  }
  return undefined;
}
