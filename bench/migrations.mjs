// Time to generate one migration with the built CLI on the embedded engine (no DATABASE_URL):
// cold = no cached PGlite cluster (initdb runs), warm = the cached cluster tarball is loaded;
// "second migration" = one more migration on top of the first, whose history is replayed.
//
// Figures (medians of 3, 2 shared cores, quiet moment; Node 20, PGlite 0.5.16):
//                                   before (8646e51)        after
//   cold (initdb, empty cache)      5637 ms, 871 MiB        see the report in the commit log
//   warm (cached cluster)           3591 ms, 729 MiB
//   warm, second run                3581 ms, 729 MiB
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
