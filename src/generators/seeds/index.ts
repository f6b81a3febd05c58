export { planSeeds, type PlannedSeeds, type SeedsRequest } from './plan-seeds.js';
export { planRepositoryTests } from './plan-repository-tests.js';
export { planSeedScript } from './plan-scripts.js';
export { fakerValue, fakerList, type ValueHint } from './value-choice.js';
export { repositoryTestPackages, seedCommand, seedPackages } from './versions.js';
