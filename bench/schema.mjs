import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCli } from './run-cli.mjs';
import { writeSyntheticProject } from './synthetic-domain.mjs';

const targets = { 1: 500, 100: undefined, 1000: 3000 };

/** `generate schema --all` over 1, 100 and 1000 synthetic entities, cold (first run, writes) each time. */
export async function benchSchema() {
  const rows = [];
  rows.push({ case: 'infragen --help', ...measureCli(['--help'], os.tmpdir()) });
  for (const count of [1, 100, 1000]) {
    const root = writeSyntheticProject(mkdtempSync(path.join(os.tmpdir(), `infragen-bench-${count}-`)), count);
    try {
      const first = measureCli(['generate', 'schema', '--all'], root);
      rows.push({ case: `generate schema --all, ${count} entities`, ...first, aimMs: targets[count] });
      const again = measureCli(['generate', 'schema', '--all'], root);
      rows.push({ case: `  second run (no changes), ${count} entities`, ...again });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}
