export { planPersistence, type PlannedPersistence } from './plan-persistence.js';
export type * from './types.js';
