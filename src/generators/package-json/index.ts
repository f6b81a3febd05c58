export { planDependencies, printManifest, readManifest, type Manifest } from './plan-dependencies.js';
export { planScripts } from './plan-scripts.js';
export type { PackageRequirement } from '../versions.js';
