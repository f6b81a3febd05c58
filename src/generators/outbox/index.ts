export { outboxEntries, outboxInstalled, outboxRuntimeSources, outboxScripts, planOutbox, planOutboxRuntime } from './plan-outbox.js';
export { inboxModel, outboxModel, outboxModels } from './outbox-models.js';
export { missingOutboxModels, schemaTables } from './outbox-schema-check.js';
