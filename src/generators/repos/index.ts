export { planRepositories, type PlannedRepositories, type RepositoriesRequest } from './plan-repositories.js';
export { planDatabaseClient } from './plan-database-client.js';
export { deriveQuery, type DerivedQuery } from './derived-query.js';
export { repositoryPackages } from './versions.js';
