// The render and workspace stages together on the real messaging output: formatted, written, and a
// second identical run changes nothing on disk.
import { expect, it } from 'vitest';
import { planMessaging } from '../../src/generators/messaging/index.js';
import { createRenderer, renderAll } from '../../src/render/index.js';
import { StagedChangeSet, type FileChange } from '../../src/workspace/index.js';
import { projectContext } from '../messaging/support/generate-project.js';
import { orderModel } from '../messaging/support/order-domain.js';
import { tempRoot } from './support.js';

it('writes the messaging layer once and leaves the tree byte-identical on a second run', async () => {
  const project = tempRoot();
  try {
    const planned = planMessaging({ model: orderModel(true), context: projectContext(project.root), brokers: ['rabbitmq'] }).files;
    const renderer = createRenderer({ projectRoot: project.root, overrideDir: '.infragen/templates' });
    const apply = async (): Promise<FileChange[]> => {
      const set = new StagedChangeSet(project.root);
      for (const file of renderAll(renderer, planned)) set.write(file);
      const changes = await set.plan();
      await set.commit(changes);
      return changes;
    };
    const first = await apply();
    expect(first.every((change) => change.action === 'create' && change.reason === undefined)).toBe(true);
    const written = project.snapshot();
    expect(written['.infragen/manifest.json']).toBeDefined();
    const second = await apply();
    expect(second.filter((change) => change.action !== 'unchanged' && change.action !== 'keep')).toEqual([]);
    expect(project.snapshot()).toEqual(written);
  } finally {
    project.remove();
  }
}, 30_000);
