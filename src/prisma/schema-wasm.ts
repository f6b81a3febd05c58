// Prisma's own schema formatter and validator, compiled to WebAssembly: the same checks `prisma validate`
// and `prisma format` run, in-process and offline.
import { createRequire } from 'node:module';

interface PrismaSchemaWasm {
  format(schema: string, params: string): string;
  lint(input: string): string;
  get_config(params: string): string;
}

interface LintEntry {
  file_name: string;
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

export interface SchemaProblem {
  message: string;
  line: number;
  column: number;
  warning: boolean;
}

let loaded: PrismaSchemaWasm | undefined;

function wasm(): PrismaSchemaWasm {
  loaded ??= createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as PrismaSchemaWasm;
  return loaded;
}

/** `prisma format`: aligns fields and attributes, one blank line between blocks. */
export function formatSchema(schema: string, fileName = 'schema.prisma'): string {
  const params = { textDocument: { uri: 'file:/dev/null' }, options: { tabSize: 2, insertSpaces: true } };
  const formatted = JSON.parse(wasm().format(JSON.stringify([[fileName, schema]]), JSON.stringify(params))) as [string, string][];
  return formatted[0]?.[1] ?? schema;
}

/** Every error and warning `prisma validate` would report, with 1-based line and column. */
export function lintSchema(schema: string, fileName = 'schema.prisma'): SchemaProblem[] {
  const entries = JSON.parse(wasm().lint(JSON.stringify([[fileName, schema]]))) as LintEntry[];
  return entries.map((entry) => ({ message: entry.text, warning: entry.is_warning, ...lineAndColumn(schema, entry.start) }));
}

/** The `provider` of each `datasource` block, as Prisma reads them; `errors` when Prisma cannot read the schema. */
export function datasourceProviders(schema: string, fileName = 'schema.prisma'): { providers: string[]; errors: string[] } {
  const params = { prismaSchema: [[fileName, schema]], datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} };
  const result = JSON.parse(wasm().get_config(JSON.stringify(params))) as {
    config?: { datasources?: { provider: string }[] };
    errors?: { message?: string }[];
  };
  return {
    providers: (result.config?.datasources ?? []).map((datasource) => datasource.provider),
    errors: (result.errors ?? []).map((error) => error.message ?? JSON.stringify(error)),
  };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
