// Commits 300 files of one version into a project: the child process interrupted-write.test.ts kills.
import { StagedChangeSet } from '../../../src/workspace/index.js';

const [root, version] = process.argv.slice(2) as [string, string];
const set = new StagedChangeSet(root);
for (let index = 0; index < 300; index += 1) {
  set.write({ path: `files/${index % 10}/f${index}.txt`, content: `${version} ${index}\n`, policy: 'owned', generator: 'test', format: false });
}
const changes = await set.plan();
process.stdout.write('writing\n');
await set.commit(changes);
