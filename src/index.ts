// The package's programmatic entry: a plopfile (`plop.load('infragen')`) and `register(plop)`.
import type { NodePlopAPI } from 'node-plop';
import { register } from './plop/register.js';

export { register };

export default function infragenPlopfile(plop: NodePlopAPI): void {
  register(plop);
}
