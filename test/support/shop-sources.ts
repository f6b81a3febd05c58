import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const fixture = path.resolve(import.meta.dirname, '../fixtures/domains/shop');

/** The shop fixture's domain files, project-relative path → text, for the inspector's in-memory mode. */
export function shopSources(extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(fixture, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(path.join(fixture, 'src'));
  return { ...files, ...extra };
}
