import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceSuite, brokerAdapters, memoryAcceptance, memoryRuntime, sharedRuntime } from '../../src/generators/messaging/templates.js';
import { outboxRuntimeSources } from '../../src/generators/outbox/index.js';
import { projectionRuntimeSources } from '../../src/generators/projections/index.js';
import { repoRoot } from '../e2e/support.js';

const runtimeFolder = path.join(repoRoot, 'templates/messaging/runtime');

function sourcesOnDisk(folder: string): string[] {
  return readdirSync(path.join(runtimeFolder, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${folder}/${file.split(path.sep).join('/')}`);
}

describe('the runtime sources infragen plans into a project', () => {
  it('include every runtime file of the repo, so a new module cannot be left out of generated projects', () => {
    const planned = [
      ...sharedRuntime,
      ...memoryRuntime,
      ...acceptanceSuite,
      ...memoryAcceptance,
      ...Object.values(brokerAdapters).flatMap((adapter) => [...(adapter?.runtime ?? []), ...(adapter?.acceptance ?? [])]),
    ]
      .map((entry) => entry.source)
      .concat(outboxRuntimeSources, projectionRuntimeSources);
    expect([...new Set(planned)].sort()).toEqual([...sourcesOnDisk('messaging'), ...sourcesOnDisk('acceptance')].sort());
  });
});
