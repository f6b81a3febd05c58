export { createRenderer, renderAll, type Renderer, type RendererOptions } from './template-renderer.js';
