export { planDependencies, printManifest, readManifest, type Manifest } from './plan-dependencies.js';
export type { PackageRequirement } from '../versions.js';
