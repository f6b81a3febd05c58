export { discoverDomainFiles } from './discover.js';
export { inspectDomain, inspectDomainSources, type InspectionResult } from './inspect.js';
export type { DiskReads } from './project.js';
