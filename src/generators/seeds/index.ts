export { planSeeds, type PlannedSeeds, type SeedsRequest } from './plan-seeds.js';
export { planRepositoryTests } from './plan-repository-tests.js';
export { planSeedScripts } from './plan-scripts.js';
export { fakerValue, fakerList, type ValueHint } from './value-choice.js';
export { seedCommand, seedPackages } from './versions.js';
