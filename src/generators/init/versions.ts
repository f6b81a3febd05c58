import type { PackageRequirement } from '../package-json/index.js';

/** Tools a new project gets from `infragen init` besides what generated code imports; pinned like the rest. */
export const initToolPackages: readonly PackageRequirement[] = [
  { name: 'typescript', version: '7.0.2', dev: true },
  { name: '@types/node', version: '20.19.43', dev: true },
  { name: 'vitest', version: '4.1.12', dev: true },
  // Runs TypeScript directly for `dev`, `db:seed` and the acceptance suite's worker.
  { name: 'jiti', version: '2.7.0', dev: true },
];
