export { planSeeds, type PlannedSeeds, type SeedsRequest } from './plan-seeds.js';
export { planRepositoryTests } from './plan-repository-tests.js';
export { planSeedScript } from './plan-scripts.js';
export { fakerValue, fakerList, type ValueHint } from './value-choice.js';
export { seedCommand } from './seed-command.js';
export { repositoryTestPackages, seedPackages } from '../versions.js';
