// `npm run rehearse-release` (INFRAGEN_RELEASE_REHEARSAL=1 runs it in the test suite): publishes this checkout
// and create-infragen to a local verdaccio registry, then does what a new user does: `npx infragen@<version> init
// my-app` with its real `npm install`, then the project's typecheck, tests and src/main.ts (npm; pnpm 12.4.2 and
// yarn 4.18.1 too with REHEARSAL_PACKAGE_MANAGERS=npm,pnpm,yarn); and `npm create infragen@<version>`. Everything
// else is proxied from the usual registry (verdaccio keeps what it fetched in .tmp/rehearsal/storage for the next run).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repo, '.tmp/rehearsal');
const tool = path.join(work, 'tool');
const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const upstream = process.env.REHEARSAL_UPSTREAM_REGISTRY ?? 'https://registry.npmjs.org/';

function step(title, command, args, { cwd, env = {} }) {
  console.log(`\n$ ${[command, ...args].join(' ')}   # ${title}`);
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`${title}: failed (exit ${run.status ?? run.signal})`);
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

/** verdaccio 6.8.0 is the last that runs on Node 20, and only with node-fetch 2.7.0 (its own pin does not install). */
function installVerdaccio() {
  if (existsSync(path.join(tool, 'node_modules/.bin/verdaccio'))) return;
  mkdirSync(tool, { recursive: true });
  writeFileSync(path.join(tool, 'package.json'), `${JSON.stringify({ private: true, dependencies: { verdaccio: '6.8.0' }, overrides: { 'node-fetch': '2.7.0' } }, null, 2)}\n`);
  step('install verdaccio (once)', 'npm', ['install', '--no-audit', '--no-fund', `--registry=${upstream}`], { cwd: tool });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * vite 8.4.0 (in vitest 4's range) lists an optional, Windows-only dependency that the registry this machine
 * reaches does not serve (404). npm and pnpm skip an optional dependency they cannot resolve; yarn resolves every
 * one, for all platforms, for its lockfile, and stops. When the upstream registry lacks one of these, the yarn leg
 * publishes a stand-in: the same name and version, `os: ["win32"]`, no files, so never installed here.
 */
const standIns = { 'napi-windows-process-start-time': '0.1.0' };

async function publishMissingStandIns(registry, env) {
  for (const [name, version] of Object.entries(standIns)) {
    const upstreamStatus = await fetch(new URL(name, upstream)).then((response) => response.status);
    if (upstreamStatus !== 404) continue;
    const dir = path.join(work, 'stand-ins', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const description = `rehearsal stand-in: ${upstream} does not serve ${name}, an optional Windows-only dependency of vite`;
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version, description, os: ['win32'], files: [] }, null, 2)}\n`);
    console.log(`\nnote: ${upstream} answers 404 for ${name}; publishing a stand-in ${name}@${version} (os: win32, no files) to ${registry}`);
    step(`publish stand-in ${name}@${version}`, 'npm', ['publish', '--tag', 'latest'], { cwd: dir, env });
  }
}

async function startRegistry() {
  const port = await freePort();
  const storage = path.join(work, 'storage');
  // What an earlier rehearsal published is replaced; what was proxied stays as a cache.
  for (const name of ['infragen', 'create-infragen', ...Object.keys(standIns)]) rmSync(path.join(storage, name), { recursive: true, force: true });
  rmSync(path.join(work, 'htpasswd'), { force: true });
  const config = [
    `storage: ${JSON.stringify(storage)}`,
    `auth: { htpasswd: { file: ${JSON.stringify(path.join(work, 'htpasswd'))} } }`,
    `uplinks: { upstream: { url: ${JSON.stringify(upstream)}, timeout: 60s } }`,
    'packages:',
    "  'infragen': { access: $all, publish: $authenticated }",
    "  'create-infragen': { access: $all, publish: $authenticated }",
    ...Object.keys(standIns).map((name) => `  '${name}': { access: $all, publish: $authenticated, proxy: upstream }`),
    "  '**': { access: $all, proxy: upstream }",
    'log: { type: stdout, format: pretty, level: warn }',
  ].join('\n');
  writeFileSync(path.join(work, 'verdaccio.yaml'), `${config}\n`);
  const server = spawn(process.execPath, [path.join(tool, 'node_modules/verdaccio/bin/verdaccio'), '--config', path.join(work, 'verdaccio.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; ; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`verdaccio exited with ${server.exitCode}`);
    if (await fetch(`${url}-/ping`).then((response) => response.ok, () => false)) break;
    if (attempt > 100) throw new Error('verdaccio did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const login = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-password' }),
  });
  const { token } = await login.json();
  if (!token) throw new Error(`verdaccio did not create the rehearsal user (${login.status})`);
  return { server, url, token };
}

/** How each package manager runs a package it has not installed; pnpm and yarn are installed once into .tmp/rehearsal. */
const runners = {
  npm: (args) => ['npx', ['--yes', ...args]],
  pnpm: (args) => [path.join(work, 'tool-pnpm/node_modules/.bin/pnpm'), ['dlx', ...args]],
  yarn: (args) => [path.join(work, 'tool-yarn/node_modules/.bin/yarn'), ['dlx', ...args, '--pm', 'yarn']],
};

/** pnpm 12.4.2 and yarn (Berry, published as @yarnpkg/cli-dist) 4.18.1, each in a folder of its own. */
const tools = {
  pnpm: { folder: 'tool-pnpm', bin: 'pnpm', dependencies: { pnpm: '12.4.2' } },
  yarn: { folder: 'tool-yarn', bin: 'yarn', dependencies: { '@yarnpkg/cli-dist': '4.18.1' } },
};

function installTool(manager) {
  const { folder, bin, dependencies } = tools[manager];
  const dir = path.join(work, folder);
  if (existsSync(path.join(dir, 'node_modules/.bin', bin))) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`);
  step(`install ${Object.entries(dependencies).map(([name, pinned]) => `${name} ${pinned}`)} (once)`, 'npm', ['install', '--no-audit', '--no-fund', `--registry=${upstream}`], { cwd: dir });
}

/** The manager first on PATH (its own bin folder: `pnpm`, or `yarn` and `yarnpkg`), with its caches in this run's folder. */
function managerEnv(manager, baseEnv, registry) {
  if (manager === 'npm') return baseEnv;
  const cache = baseEnv.npm_config_cache;
  const PATH = `${path.join(work, tools[manager].folder, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`;
  // pnpm keeps its store and dlx cache under the XDG folders: this run's own, like npm's cache.
  if (manager === 'pnpm') return { ...baseEnv, PATH, XDG_CACHE_HOME: path.join(cache, 'xdg-cache'), XDG_DATA_HOME: path.join(cache, 'xdg-data') };
  // yarn reads no .npmrc: the registry is its npmRegistryServer, allowed over plain http on 127.0.0.1.
  return {
    ...baseEnv,
    PATH,
    YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
    YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
    YARN_GLOBAL_FOLDER: path.join(cache, 'yarn-global'),
    YARN_CACHE_FOLDER: path.join(cache, 'yarn-cache'),
    YARN_ENABLE_TELEMETRY: '0',
    // Yarn 4 installs no version younger than a day (npmMinimalAgeGate); these were published a minute ago.
    YARN_NPM_PREAPPROVED_PACKAGES: ['infragen', 'create-infragen', ...Object.keys(standIns)].join(','),
  };
}

/** A new user: `<runner> infragen@<version> init`, whose install is the manager's own, then the project's scripts. */
function newUser(manager, apps, baseEnv, registry) {
  const env = managerEnv(manager, baseEnv, registry);
  const name = `${manager}-app`;
  const [runner, args] = runners[manager]([`infragen@${version}`, 'init', name, '--yes', '--no-git']);
  step(`a new user: infragen init through ${manager}, with a real ${manager} install`, runner, args, { cwd: apps, env });
  const app = path.join(apps, name);
  const installed = JSON.parse(readFileSync(path.join(app, 'node_modules/infragen/package.json'), 'utf8'));
  if (installed.version !== version) throw new Error(`${name} installed infragen ${installed.version}, not ${version}`);
  const run = (script) => [manager, ['run', script]];
  for (const [title, script] of [["the project's typecheck", 'typecheck'], ["the project's tests", 'test'], ['the project runs (src/main.ts)', 'start']]) {
    const [command, scriptArgs] = run(script);
    step(`${manager}: ${title}`, command, scriptArgs, { cwd: app, env });
  }
}

async function main() {
  const managers = (process.env.REHEARSAL_PACKAGE_MANAGERS ?? 'npm').split(',').map((name) => name.trim());
  const unknown = managers.filter((name) => !(name in runners));
  if (unknown.length > 0) throw new Error(`REHEARSAL_PACKAGE_MANAGERS: unknown ${unknown.join(', ')} (known: ${Object.keys(runners).join(', ')})`);
  installVerdaccio();
  for (const manager of managers.filter((name) => name in tools)) installTool(manager);
  const { server, url, token } = await startRegistry();
  try {
    const run = `${Date.now()}`;
    for (const entry of readdirSync(work).filter((name) => name.startsWith('npm-cache-'))) rmSync(path.join(work, entry), { recursive: true, force: true });
    // The publisher has a token; the user has none (verdaccio checks a token's password on every request: slow).
    const npmrc = (name, lines) => {
      const file = path.join(work, name);
      writeFileSync(file, [`registry=${url}`, 'fund=false', 'audit=false', 'update-notifier=false', ...lines, ''].join('\n'));
      return file;
    };
    const cache = path.join(work, `npm-cache-${run}`);
    const publishEnv = { NPM_CONFIG_USERCONFIG: npmrc('publisher.npmrc', [`//${new URL(url).host}/:_authToken=${token}`]), npm_config_registry: url, npm_config_cache: cache };
    // A user with this registry and an empty cache: nothing comes from an earlier install.
    const npmEnv = { NPM_CONFIG_USERCONFIG: npmrc('user.npmrc', []), npm_config_registry: url, npm_config_cache: cache };
    // Prisma's postinstall `prisma generate` needs no engine download with these (no internet here but the registry).
    const prismaEnv = { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
    const env = { ...npmEnv, ...prismaEnv, CI: '1' };
    // A new user's shell: no service variables, and none of the npm_config_* that `npm run`/`npx` pass down
    // (pnpm reads the inherited npm_config_userconfig before NPM_CONFIG_USERCONFIG).
    for (const name of Object.keys(process.env)) {
      if (/^npm_(config|package|lifecycle)_/i.test(name) || ['DATABASE_URL', 'AMQP_URL', 'NATS_URL', 'KAFKA_BROKERS'].includes(name)) delete process.env[name];
    }

    const packs = path.join(work, 'packs');
    rmSync(packs, { recursive: true, force: true });
    mkdirSync(packs, { recursive: true });
    // The built dist/ as it is (`npm run rehearse-release` builds first): prepack would rebuild it under running tests.
    if (!existsSync(path.join(repo, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    step('pack infragen', 'npm', ['pack', '--ignore-scripts', '--pack-destination', packs], { cwd: repo, env: npmEnv });
    step('pack create-infragen', 'npm', ['pack', '--pack-destination', packs], { cwd: path.join(repo, 'packages/create-infragen'), env: npmEnv });
    for (const tarball of readdirSync(packs).sort()) step(`publish ${tarball}`, 'npm', ['publish', path.join(packs, tarball), '--tag', 'latest'], { cwd: packs, env: publishEnv });
    if (managers.includes('yarn')) await publishMissingStandIns(url, publishEnv);

    // Outside the repository: inside it, npx would take this checkout (also infragen@<version>) as installed.
    const apps = mkdtempSync(path.join(os.tmpdir(), 'infragen-rehearsal-'));
    for (const manager of managers) newUser(manager, apps, env, url);
    step('npm create infragen', 'npm', ['create', `infragen@${version}`, 'created-app', '--', '--yes', '--no-install', '--no-git'], { cwd: apps, env });
    if (!existsSync(path.join(apps, 'created-app/src/main.ts'))) throw new Error('npm create infragen wrote no created-app/src/main.ts');
    rmSync(cache, { recursive: true, force: true });
    rmSync(apps, { recursive: true, force: true });
    console.log(`\nrelease rehearsal passed: infragen ${version} and create-infragen ${version} from ${url}`);
  } finally {
    server.kill();
  }
}

main().catch((error) => {
  console.error(`\nrelease rehearsal failed: ${error.message}`);
  process.exitCode = 1;
});
