// `npm run demo`: runs infragen on the example shop domain in .tmp/demo, with no external service.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(repo, '.tmp/demo');

function step(title, args) {
  console.log(`\n$ infragen ${args.join(' ')}   # ${title}`);
  const run = spawnSync(process.execPath, [path.join(repo, 'bin/infragen.js'), ...args], {
    cwd: demo,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: '' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

function listTree(dir, prefix = '') {
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry === 'generated') continue;
    const full = path.join(dir, entry);
    console.log(`${prefix}${entry}${statSync(full).isDirectory() ? '/' : ''}`);
    if (statSync(full).isDirectory()) listTree(full, `${prefix}  `);
  }
}

rmSync(demo, { recursive: true, force: true });
mkdirSync(demo, { recursive: true });
cpSync(path.join(repo, 'test/fixtures/domains/shop'), demo, { recursive: true });
writeFileSync(path.join(demo, 'package.json'), JSON.stringify({ name: 'shop-demo', private: true, type: 'module' }, null, 2));
writeFileSync(
  path.join(demo, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, skipLibCheck: true } }, null, 2),
);
symlinkSync(path.join(repo, 'node_modules'), path.join(demo, 'node_modules'), 'dir');

step('the Prisma schema, from the domain entities', ['generate', 'schema', '--all']);
step('again: nothing changes', ['generate', 'schema', '--all']);

console.log(`\nThe demo project, in ${path.relative(process.cwd(), demo) || demo}:`);
listTree(demo);
