import { readFileSync } from 'node:fs';

/** The folder holding infragen's package.json; `src/project` and `dist/project` both sit two levels below. */
export const packageRoot = new URL('../../', import.meta.url);

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string };
  return pkg.version;
}
