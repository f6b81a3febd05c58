export { checkpointModel } from './checkpoint-model.js';
export {
  planProjection,
  planProjectionRuntime,
  planRebuildScript,
  projectionNames,
  projectionsInstalled,
  projectionRuntimeSources,
  projectionsFolder,
  type ProjectionRequest,
} from './plan-projection.js';
