export { planDependencies, printManifest, readManifest, type Manifest, type PackageRequirement } from './plan-dependencies.js';
