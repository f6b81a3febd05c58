export { initCommands, initPackages, initView, messagingBrokers, planExampleDomain, planProjectFiles, type InitBroker, type InitSettings, type InitView, type PackageManager } from './plan-init.js';
export { exampleDomain, exampleReadModel, projectFiles, type InitTemplate } from './templates.js';
export { initToolPackages } from '../versions.js';
