import path from 'node:path';
import { brokerInfo, type Broker } from '../../config/brokers.js';
import { warningDiagnostic } from '../../diagnostics.js';
import type { ProjectContext } from '../../project/context.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, type GeneratorResult } from '../generator-result.js';

/** The fallback line of the composition root an earlier `infragen init` wrote, which forces the in-memory broker. */
const forcedMemory = /^(\s*)return \{ \.\.\.env, MESSAGING_BROKER: 'memory' \};/m;

/**
 * The composition root is the user's file. One written by an earlier `infragen init` picks the broker from the
 * environment itself, and knows only the brokers of that day: for each broker added since, say which line to add.
 */
export function planCompositionRootHints(tree: ProjectTree, context: ProjectContext, brokers: readonly Broker[]): GeneratorResult {
  const file = `${path.posix.dirname(context.options.paths.messaging)}/container.ts`;
  const text = tree.read(file);
  const fallback = text === undefined ? undefined : forcedMemory.exec(text);
  if (text === undefined || !fallback) return generated([]);
  const line = text.slice(0, fallback.index).split('\n').length;
  const diagnostics = brokers
    .filter((broker) => !text.includes(brokerInfo[broker].urlVariable))
    .map((broker) => {
      const { urlVariable } = brokerInfo[broker];
      const missing = `if (env['${urlVariable}']) return { ...env, MESSAGING_BROKER: '${broker}' };`;
      return warningDiagnostic('IG707', `${file} picks the broker itself and does not know ${urlVariable}: setting it will not select ${brokerInfo[broker].label}`, { file, line, column: 1 }, `add this line before line ${line}: ${missing}`);
    });
  return generated([], { diagnostics });
}
