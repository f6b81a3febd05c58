import type { PackageRequirement } from '../package-json/index.js';

/** What generated seed scripts import or run with, pinned to the versions infragen is tested with. */
export const seedPackages: readonly PackageRequirement[] = [
  { name: '@faker-js/faker', version: '10.6.0', dev: true },
  // Runs the TypeScript seed entry on Node 20 (no --experimental-strip-types there).
  { name: 'jiti', version: '2.7.0', dev: true },
];

/** What the generated repository tests run with. */
export const repositoryTestPackages: readonly PackageRequirement[] = [{ name: 'vitest', version: '4.1.12', dev: true }];

/**
 * The command that runs the seed entry script, for `prisma.config.ts` and the `db:seed` script. Through
 * jiti's loader hook rather than its `jiti` binary: `prisma db seed` does not put node_modules/.bin on PATH.
 */
export function seedCommand(entryFile: string): string {
  return `node --import jiti/register ${entryFile}`;
}
