export { checkpointModel } from './checkpoint-model.js';
export { planProjection, projectionNames, projectionRuntimeSources, projectionsFolder, type ProjectionRequest } from './plan-projection.js';
