import path from 'node:path';

/**
 * Runtime sources are TypeScript files kept in the repo (type-checked and tested there) and written into
 * the user's project as they are, but for their header and their import suffix. A runtime tree's top
 * folders each go to one project folder, e.g. `{ messaging: 'src/infrastructure/messaging', acceptance: 'test/messaging' }`.
 */
export type RuntimeDestinations = Readonly<Record<string, string>>;

/** The project path of a runtime source: its top folder replaced by that folder's destination; undefined outside them. */
export function runtimeOutputPath(source: string, destinations: RuntimeDestinations): string | undefined {
  const [top = '', ...rest] = source.split('/');
  const destination = Object.hasOwn(destinations, top) ? destinations[top] : undefined;
  return destination === undefined || rest.length === 0 ? undefined : path.posix.join(destination, ...rest);
}
