// The property tests at length: the user-text and random-domain properties with many more runs than CI's fixed
// seed, each run on a fresh seed (printed, so a failure can be replayed with INFRAGEN_*_SEED).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.env.BENCH_PROPERTY_RUNS ?? 40);

function runProperty(name, file, envPrefix) {
  const seed = Date.now() % 1_000_000;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'infragen-bench-property-'));
  const report = path.join(folder, 'report.json');
  const started = Date.now();
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', file, '--reporter=json', `--outputFile=${report}`], {
    encoding: 'utf8',
    env: { ...process.env, [`${envPrefix}_RUNS`]: String(runs), [`${envPrefix}_SEED`]: String(seed) },
  });
  const results = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((result) => result.assertionResults);
  rmSync(folder, { recursive: true, force: true });
  const failed = results.filter((result) => result.status !== 'passed');
  const counterexample = failed[0]?.failureMessages.join('\n').match(/Counterexample: (.*)/)?.[1];
  return {
    case: name,
    wallMs: Date.now() - started,
    runs,
    seed,
    failures: failed.length,
    ...(counterexample && { counterexample: counterexample.slice(0, 400) }),
  };
}

export async function bench() {
  return [
    runProperty('user text in every position (fast-check)', 'test/security/user-text.property.test.ts', 'INFRAGEN_PROPERTY'),
    runProperty('random domains (fast-check)', 'test/generative/random-domains.test.ts', 'INFRAGEN_RANDOM_DOMAIN'),
  ];
}
