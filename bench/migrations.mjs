// Time to generate one migration with the built CLI on the embedded engine (no DATABASE_URL):
// cold = no cached PGlite cluster (initdb runs), warm = the cached cluster tarball is loaded;
// "second migration" = one more migration on top of the first, whose history is replayed.
//
// Figures: medians of 3 runs, wall time and peak RSS of the CLI process (2 shared cores, load ~1.5–2.5;
// Node 20, PGlite 0.5.16, this file's two-model schema). Before = 8646e51, after = the embedded start work
// (PGlite's wasm compiled and its fs bundle read once per process, cluster cached as an uncompressed tar,
// one PGlite per command: the pristine main database lent as the shadow and reset, instead of two).
//                                              before              after
//   cold (initdb, empty cache)                 5814 ms, 873 MiB    4756 ms, 928 MiB
//   warm (cached cluster)                      3405 ms, 729 MiB    2714 ms, 518 MiB
//   warm, second migration (replays 1)         3765 ms, 730 MiB    2853 ms, 524 MiB
//   warm, second run                           3439 ms, 731 MiB    2595 ms, 510 MiB
// The cold peak is higher: the fresh cluster is dumped uncompressed (gzip cost ~0.5 s there and ~0.2 s of
// gunzip at every warm start). About 0.9 s of a warm run is the CLI itself (module loading), not migrations.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCli } from './run-cli.mjs';

const schema = `datasource db {
  provider = "postgresql"
}

model User {
  id    String @id
  email String @unique
  name  String
  posts Post[]
}

model Post {
  id       String @id
  title    String
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
`;

function project() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infragen-bench-migrations-'));
  mkdirSync(path.join(dir, 'prisma'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"bench","type":"module"}\n');
  writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), schema);
  return dir;
}

export async function bench() {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'infragen-bench-cache-'));
  const env = { ...process.env, INFRAGEN_CACHE_DIR: cache };
  delete env.DATABASE_URL;
  const saved = { ...process.env };
  Object.assign(process.env, env);
  delete process.env.DATABASE_URL;
  const rows = [];
  try {
    for (const [label, fresh] of [['cold (initdb, empty cache)', true], ['warm (cached cluster)', false], ['warm, second run', false]]) {
      if (fresh) rmSync(cache, { recursive: true, force: true });
      const dir = project();
      const result = measureCli(['generate', 'migration', 'init', '--yes'], dir);
      rows.push({ case: `generate migration, embedded, ${label}`, ...result });
      if (!fresh) {
        // The timestamp prefix must move on, or the second migration would not sort after the first.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), schema.replace('  name  String\n', '  name  String\n  bio   String?\n'));
        const second = measureCli(['generate', 'migration', 'add bio', '--yes'], dir);
        rows.push({ case: `generate migration, embedded, ${label}, second migration`, ...second });
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    rmSync(cache, { recursive: true, force: true });
  }
  return rows;
}
