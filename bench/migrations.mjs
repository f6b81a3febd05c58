// Time to generate one migration with the built CLI on the embedded engine (no DATABASE_URL):
// cold = no cached PGlite cluster (initdb runs), warm = the cached cluster tarball is loaded.
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
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    rmSync(cache, { recursive: true, force: true });
  }
  return rows;
}
