// Preloaded into a measured process (`node --import`): writes its peak memory and CPU time to the file named
// by INFRAGEN_BENCH_USAGE when it exits, since a parent cannot read a child's resource usage in Node.
import { writeFileSync } from 'node:fs';

const target = process.env.INFRAGEN_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
