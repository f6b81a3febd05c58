export { planDependencies, type DependencyPlan, type PackageRequirement } from './plan-dependencies.js';
