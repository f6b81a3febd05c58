export { createRenderer, type Renderer, type RendererOptions } from './plop-renderer.js';
