// `npm run bench`: speed and memory figures. Prints a table; asserts nothing (targets are shown beside).
import { existsSync } from 'node:fs';
import { benchSchema } from './schema.mjs';

function print(title, rows) {
  console.log(`\n## ${title}`);
  for (const row of rows) {
    const aim = row.aimMs ? `  (aim < ${row.aimMs} ms${row.wallMs <= row.aimMs ? ', met' : ', MISSED'})` : '';
    const extra = Object.entries(row)
      .filter(([key]) => !['case', 'wallMs', 'peakMiB', 'aimMs'].includes(key))
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    const wall = row.wallMs !== undefined ? `${row.wallMs.toFixed(0).padStart(6)} ms` : '';
    const peak = row.peakMiB !== undefined ? `${row.peakMiB.toFixed(0).padStart(5)} MiB peak` : '';
    console.log(`${row.case.padEnd(48)} ${wall}  ${peak}${aim} ${extra}`);
  }
}

print('Schema generation', await benchSchema());

for (const [title, file] of [
  ['Migrations', './migrations.mjs'],
  ['Messaging', './messaging.mjs'],
]) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const module = await import(file);
  if (typeof module.bench === 'function') print(title, await module.bench());
}
