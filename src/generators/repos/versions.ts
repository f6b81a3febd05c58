import type { PackageRequirement } from '../package-json/index.js';

/** What generated repositories and the database client import, pinned to the versions infragen is tested with. */
export const repositoryPackages: readonly PackageRequirement[] = [
  { name: '@prisma/client', version: '7.10.0', dev: false },
  { name: '@prisma/adapter-pg', version: '7.10.0', dev: false },
  { name: 'pg', version: '8.23.1', dev: false },
  { name: 'prisma', version: '7.10.0', dev: true },
];

/** What the database client also imports when its embedded fallback is on (`planDatabaseClient(…, { embeddedFallback })`). */
export const embeddedDatabasePackages: readonly PackageRequirement[] = [
  { name: '@electric-sql/pglite', version: '0.5.16', dev: false },
  { name: 'pglite-prisma-adapter', version: '0.7.2', dev: false },
];
