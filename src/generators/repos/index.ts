export { planRepositories, type PlannedRepositories, type RepositoriesRequest } from './plan-repositories.js';
export { planDatabaseClient, type DatabaseClientOptions } from './plan-database-client.js';
export { deriveQuery, type DerivedQuery } from './derived-query.js';
export { embeddedDatabasePackages, repositoryPackages } from '../versions.js';
