// `npm run bench`: speed and memory figures. Prints a table; asserts nothing (targets are shown beside).
import { existsSync } from 'node:fs';
import { benchSchema } from './schema.mjs';

function verdict(met) {
  return met ? 'met' : 'MISSED';
}

/** `4.2x (target <= 5x, met)`, `310 MiB peak (target <= 300 MiB, MISSED)`: each figure with its target beside it. */
function targets(row) {
  const parts = [];
  if (typeof row.ratio === 'number') parts.push(`${row.ratio.toFixed(1).padStart(5)}x floor` + (row.maxRatio ? ` (target <= ${row.maxRatio}x, ${verdict(row.ratio <= row.maxRatio)})` : ''));
  if (row.cpuRatio !== undefined) parts.push(`cpu ${row.cpuMs.toFixed(0)} ms = ${row.cpuRatio.toFixed(1)}x floor's`);
  if (row.maxPeakMiB) parts.push(`peak target <= ${row.maxPeakMiB} MiB, ${verdict(row.peakMiB <= row.maxPeakMiB)}`);
  if (row.aimMs) parts.push(`aim < ${row.aimMs} ms, ${verdict(row.wallMs <= row.aimMs)}`);
  return parts.join('  ');
}

function print(title, rows) {
  console.log(`\n## ${title}`);
  for (const row of rows) {
    const extra = Object.entries(row)
      // A numeric ratio is a speed figure (printed with its target); the messaging benches give theirs as text.
      .filter(([key, value]) => !(key === 'ratio' && typeof value === 'number') && !['case', 'wallMs', 'peakMiB', 'cpuMs', 'aimMs', 'cpuRatio', 'maxRatio', 'maxPeakMiB'].includes(key))
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    const wall = row.wallMs !== undefined ? `${row.wallMs.toFixed(0).padStart(6)} ms` : '';
    const peak = row.peakMiB !== undefined ? `${row.peakMiB.toFixed(0).padStart(5)} MiB peak` : '';
    console.log(`${row.case.padEnd(54)} ${wall}  ${peak}  ${targets(row)} ${extra}`.trimEnd());
  }
}

print('CLI speed, against the floor `node -e 0` measured in the same run', await benchSchema());

// `node bench/run.mjs --speed` prints only the speed table.
for (const [title, file] of process.argv.includes('--speed') ? [] : [
  ['Migrations', './migrations.mjs'],
  ['Messaging', './messaging.mjs'],
  ['Outbox', './outbox.mjs'],
  ['Repositories: generated against hand-written Prisma calls, same run', './repository.mjs'],
  ['Properties (BENCH_PROPERTY_RUNS runs each, fresh seed)', './property.mjs'],
]) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const module = await import(file);
  if (typeof module.bench === 'function') print(title, await module.bench());
}
