// ts-morph's runtime values for the inspector, loaded with `require`: ts-morph is CommonJS, and an ESM
// `import` of it makes Node scan its 1 MB source for export names (cjs-module-lexer) on every cold run
// before loading it the CommonJS way anyway. Types are still imported from 'ts-morph' (they cost nothing).
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { Node, Project, Scope, SyntaxKind, ts } = tsMorph;
export type Node<T extends TsMorph.ts.Node = TsMorph.ts.Node> = TsMorph.Node<T>;
export type Project = TsMorph.Project;
export type Scope = TsMorph.Scope;
export type SyntaxKind = TsMorph.SyntaxKind;
