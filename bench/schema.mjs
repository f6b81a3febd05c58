// The CLI's speed targets (issue 9), as ratios against the bare floor `node -e 0` measured in the same run:
// absolute times on these shared machines drift by 2x from day to day, ratios much less.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCli, measureFloor, median } from './run-cli.mjs';
import { writeAggregateProject, writeSyntheticProject } from './synthetic-domain.mjs';

const repeats = Number(process.env.BENCH_REPEATS ?? 3);

function inTempProject(write, count, run) {
  const root = write(mkdtempSync(path.join(os.tmpdir(), `infragen-bench-${count}-`)), count);
  try {
    return run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A cold run (fresh project: nothing generated, no cache) and a second run with no change, `times` each; medians. */
function coldAndWarm(write, count, args, times) {
  const cold = [];
  const warm = [];
  for (let index = 0; index < times; index += 1) {
    inTempProject(write, count, (root) => {
      cold.push(measureCli(args, root));
      warm.push(measureCli(args, root));
    });
  }
  return { cold: median(cold), warm: median(warm) };
}

function row(name, measurement, floor, target) {
  return { case: name, ...measurement, ratio: measurement.wallMs / floor.wallMs, cpuRatio: measurement.cpuMs / floor.cpuMs, ...target };
}

export async function benchSchema() {
  // A cache folder of the bench's own: cold runs start without a cached model, and nothing is left behind.
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'infragen-bench-cache-'));
  const savedCacheDir = process.env.INFRAGEN_CACHE_DIR;
  process.env.INFRAGEN_CACHE_DIR = cacheDir;
  try {
    return measureTargets();
  } finally {
    if (savedCacheDir === undefined) delete process.env.INFRAGEN_CACHE_DIR;
    else process.env.INFRAGEN_CACHE_DIR = savedCacheDir;
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function measureTargets() {
  const floors = Array.from({ length: repeats + 2 }, measureFloor);
  const help = median(Array.from({ length: repeats }, () => measureCli(['--help'], os.tmpdir())));
  // The bench's cache folder is empty: this run also compiles TypeScript without V8's code cache, as the
  // first run of infragen on a machine does. The runs after it are cold for their project only.
  const firstOnMachine = inTempProject(writeSyntheticProject, 1, (root) => measureCli(['generate', 'schema', '--all'], root));
  const one = coldAndWarm(writeSyntheticProject, 1, ['generate', 'schema', '--all'], repeats);
  const thousand = coldAndWarm(writeSyntheticProject, 1000, ['generate', 'schema', '--all'], 1);
  const repos = coldAndWarm(writeAggregateProject, 30, ['generate', 'repo', '--all'], Math.min(repeats, 2));
  floors.push(...Array.from({ length: repeats + 2 }, measureFloor));
  const floor = median(floors);
  return [
    { case: 'floor: node -e 0', ...floor, ratio: 1, cpuRatio: 1 },
    row('infragen --help', help, floor),
    row('generate schema, 1 entity, first run on the machine', firstOnMachine, floor),
    row('generate schema, 1 entity, cold', one.cold, floor, { maxRatio: 5 }),
    row('generate schema, 1 entity, no domain change', one.warm, floor, { maxRatio: 2 }),
    row('generate schema, 1000 entities, cold', thousand.cold, floor, { maxRatio: 15, maxPeakMiB: 300 }),
    row('generate schema, 1000 entities, no domain change', thousand.warm, floor),
    row('generate repo --all, 30 aggregates, cold', repos.cold, floor, { maxRatio: 10 }),
    row('generate repo --all, 30 aggregates, no domain change', repos.warm, floor),
  ];
}
