// Preloaded into a measured process (`node --import`): writes its peak memory to the file named by
// INFRAGEN_BENCH_USAGE when it exits, since a parent cannot read a child's resource usage in Node.
import { writeFileSync } from 'node:fs';

const target = process.env.INFRAGEN_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
