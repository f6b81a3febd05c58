import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../diagnostics.js';

/**
 * The version of `name` the project would load: the nearest `node_modules/<name>/package.json` from the
 * project root upwards, as Node resolves it (pnpm's links included). Undefined when it is not installed.
 */
export function installedVersion(root: string, name: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface ProjectManifest {
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The project's package.json; undefined when it has none. Invalid JSON throws a `UserError`. */
export function projectManifest(root: string): ProjectManifest | undefined {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProjectManifest;
  } catch (error) {
    throw new UserError(`package.json is not valid JSON: ${(error as Error).message}`, [], { cause: error });
  }
}
