import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../../src/commands/doctor.js';
import type { CheckResult } from '../../src/commands/doctor/check.js';
import { brokerAddresses, checkBroker } from '../../src/commands/doctor/service-checks.js';
import { checkNode } from '../../src/commands/doctor/toolchain-checks.js';
import type { Reporter } from '../../src/commands/reporter.js';
import { ProblemsFound } from '../../src/diagnostics.js';
import { assertBuilt, repoRoot, runCli } from '../e2e/support.js';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls } from '../support/services.js';

function collectingReporter(lines: string[]): Reporter {
  return {
    json: false,
    info: (message) => void lines.push(message),
    success: (message) => void lines.push(`✔ ${message}`),
    failure: (message) => void lines.push(`✖ ${message}`),
    warn: (message) => void lines.push(`warning ${message}`),
    diagnostics: () => undefined,
    out: (text) => void lines.push(text),
    result: () => undefined,
  };
}

interface DoctorRun {
  checks: CheckResult[];
  failed: boolean;
  lines: string[];
  /** The one check named `name`. */
  check(name: string): CheckResult;
}

/** Runs doctor in-process with only the given service variables set. */
async function runDoctor(root: string, env: NodeJS.ProcessEnv = {}): Promise<DoctorRun> {
  const lines: string[] = [];
  const options = { cwd: root, dryRun: false, force: false, json: false, yes: true, verbose: false };
  let checks: CheckResult[];
  let failed = false;
  try {
    checks = await doctor({ options, reporter: collectingReporter(lines), env, timeouts: { connectMs: 1500, historyMs: 30_000 } });
  } catch (error) {
    if (!(error instanceof ProblemsFound)) throw error;
    failed = true;
    checks = (error.result as { checks: CheckResult[] }).checks;
  }
  const check = (name: string) => {
    const found = checks.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no check named ${name} in ${checks.map((candidate) => candidate.name).join(', ')}`);
    return found;
  };
  return { checks, failed, lines, check };
}

/** The checks that failed, by name. */
const failures = (run: DoctorRun) => run.checks.filter((check) => check.status === 'fail').map((check) => check.name);

describe('infragen doctor', () => {
  let parent: string;
  let base: string;
  const schemas: string[] = [];
  let copies = 0;

  /** A fresh copy of the project `infragen init` wrote, with infragen's own node_modules linked in. */
  function project(nodeModules: 'linked' | Record<string, string> = 'linked'): string {
    const root = path.join(parent, `copy-${(copies += 1)}`);
    cpSync(base, root, { recursive: true });
    if (nodeModules === 'linked') symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    else {
      for (const [name, version] of Object.entries(nodeModules)) {
        mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
        writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
      }
    }
    return root;
  }

  function freshDatabaseUrl(): string {
    const schema = scratchSchemaName('doctor');
    schemas.push(schema);
    return schemaUrl(schema);
  }

  const edit = (root: string, file: string, change: (text: string) => string) =>
    writeFileSync(path.join(root, file), change(readFileSync(path.join(root, file), 'utf8')));

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-doctor-'));
    const init = runCli(['init', 'base', '--yes', '--broker', 'rabbitmq', '--no-install', '--no-git'], parent);
    if (init.status !== 0) throw new Error(init.stderr);
    base = path.join(parent, 'base');
  }, 120_000);

  afterAll(async () => {
    rmSync(parent, { recursive: true, force: true });
    if (schemas.length > 0) await dropSchemas(...schemas);
  });

  it('passes a healthy project, through the built CLI: migrated database, reachable broker, exit 0 and every check in --json', async () => {
    expect(await serviceAvailable('database')).toBe(true);
    expect(await serviceAvailable('amqp')).toBe(true);
    const root = project();
    const env = { DATABASE_URL: freshDatabaseUrl(), AMQP_URL: serviceUrls.amqp };
    const deploy = runCli(['migrate', 'deploy'], root, env);
    expect(deploy.status, deploy.stderr).toBe(0);

    const run = runCli(['doctor', '--json'], root, env);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; checks: CheckResult[] };
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => [check.name, check.status])).toEqual([
      ['node', 'ok'],
      ['config', 'ok'],
      ['tsconfig', 'ok'],
      ['typescript', 'ok'],
      ['prisma', 'ok'],
      ['schema', 'ok'],
      ['entities', 'ok'],
      ['outbox', 'ok'], // init writes the outbox by default
      ['database', 'ok'],
      ['migrations', 'ok'],
      ['broker rabbitmq', 'ok'],
      ['manifest', 'ok'],
    ]);
    expect(result.checks.find((check) => check.name === 'entities')?.message).toMatch(/\d+ files, 2 entities, 1 aggregate$/);

    const human = runCli(['doctor'], root, env);
    expect(human.status).toBe(0);
    expect(human.stderr).toContain('✔ migrations: all 1 migrations applied');
    expect(human.stderr).not.toContain('✖');
  }, 120_000);

  it('refuses a Node.js older than infragen’s engines field', () => {
    expect(checkNode('18.20.4')).toMatchObject({ status: 'fail', message: 'Node.js 18.20.4 is older than 20.19' });
    expect(checkNode('20.19.0').status).toBe('ok');
    expect(checkNode('22.1.0').status).toBe('ok');
  });

  it('fails on an invalid configuration option, and checks the rest with the defaults', async () => {
    const root = project();
    writeFileSync(path.join(root, 'infragen.config.json'), JSON.stringify({ entitys: ['src/domain/**/*.ts'] }));
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['config']);
    expect(run.check('config').details).toEqual([expect.stringContaining('error IG001: unknown option "entitys"')]);
    expect(run.check('entities').status).toBe('ok');
  });

  it('fails on a TypeScript older than 5.4 (what Prisma 7 needs), naming the install command', async () => {
    const run = await runDoctor(project({ typescript: '4.9.5', prisma: '7.10.0', '@prisma/client': '7.10.0' }));
    expect(run.failed).toBe(true);
    expect(failures(run)).toEqual(['typescript']);
    expect(run.check('typescript')).toMatchObject({ message: 'TypeScript 4.9.5 is older than 5.4.0', fix: 'npm install --save-dev typescript@7.0.2' });
  });

  it.each([
    ['pnpm-lock.yaml', 'pnpm add -D typescript@7.0.2'],
    ['yarn.lock', 'yarn add -D typescript@7.0.2'],
  ])('names the install command of the project’s own package manager (%s)', async (lockfile, fix) => {
    const root = project({ typescript: '4.9.5', prisma: '7.10.0', '@prisma/client': '7.10.0' });
    writeFileSync(path.join(root, lockfile), '');
    expect((await runDoctor(root)).check('typescript').fix).toBe(fix);
  });

  it('fails on tsconfig options generated code cannot compile or run with', async () => {
    const root = project();
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2020', lib: ['ES2020'], module: 'CommonJS', types: ['jest'] } }),
    );
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['tsconfig']);
    expect(run.check('tsconfig').details).toEqual([
      expect.stringContaining('"types" is ["jest"]: add "node"'),
      expect.stringContaining('"lib" is ["es2020"]: set "lib": ["ES2022"] or newer'),
      expect.stringContaining('package.json says "type": "module" but tsconfig resolves like CommonJS'),
    ]);
    expect(run.lines).toContain('✖ tsconfig: tsconfig.json does not fit generated code (module commonjs, ESM package, imports without suffix)');
  });

  it('fails when the Prisma CLI and client differ, or are not the major infragen generates for', async () => {
    const differ = await runDoctor(project({ typescript: '7.0.2', prisma: '7.10.0', '@prisma/client': '7.9.0' }));
    expect(failures(differ)).toEqual(['prisma']);
    expect(differ.check('prisma').message).toBe('prisma 7.10.0 and @prisma/client 7.9.0 differ');
    const old = await runDoctor(project({ typescript: '7.0.2', prisma: '6.19.0', '@prisma/client': '6.19.0' }));
    expect(old.check('prisma').message).toBe('Prisma 6.19.0, but infragen generates for Prisma 7.10.0');
    const missing = await runDoctor(project({ typescript: '7.0.2' }));
    expect(missing.check('prisma')).toMatchObject({
      status: 'fail',
      message: 'prisma and @prisma/client not installed (declared in package.json: run the install)',
    });
  });

  it('fails on a datasource provider other than PostgreSQL', async () => {
    const root = project();
    edit(root, 'prisma/schema.prisma', (text) => text.replace('provider = "postgresql"', 'provider = "mysql"'));
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['schema']);
    expect(run.check('schema').message).toBe('prisma/schema.prisma uses the mysql provider; infragen generates for PostgreSQL only');
  });

  it('fails when the entities glob matches no domain file, and says what it skipped', async () => {
    const root = project();
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib/order.test.ts'), 'export {};\n');
    writeFileSync(path.join(root, 'infragen.config.json'), JSON.stringify({ entities: ['lib/**/*'] }));
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['entities']);
    expect(run.check('entities')).toMatchObject({
      message: 'no domain file matches "entities": ["lib/**/*"]',
      details: ['skipped lib/order.test.ts: a test file'],
    });
  });

  it('fails on a domain error, with the diagnostic', async () => {
    const root = project();
    writeFileSync(path.join(root, 'src/domain/broken.ts'), 'export class Broken {\n  id!: string;\n  callback!: () => void;\n}\n');
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['entities']);
    expect(run.check('entities').message).toMatch(/3 entities, 1 aggregate; 1 problem in the domain$/);
    expect(run.check('entities').details?.join('\n')).toMatch(/src\/domain\/broken\.ts:3:\d+ error IG101/);
  });

  it("fails on a config's domainEvents name no aggregate has, naming the config file and the aggregate", async () => {
    const root = project();
    writeFileSync(path.join(root, 'infragen.config.json'), JSON.stringify({ domainEvents: { read: 'pendingEvents', clear: 'clearEvents' } }));
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['entities']);
    expect(run.check('entities').details?.join('\n')).toMatch(
      /src\/domain\/ticket\/ticket\.ts:\d+:\d+ error IG130: infragen\.config\.json names domainEvents\.read "pendingEvents", and Ticket has no public getter, property or method of that name/,
    );
  });

  it('fails when the outbox runtime is installed and the schema has lost the outbox models, with add outbox as the fix', async () => {
    const root = project();
    const add = runCli(['add', 'outbox'], root, { DATABASE_URL: '' });
    expect(add.status, add.stderr).toBe(0);
    expect((await runDoctor(root)).check('outbox')).toMatchObject({ status: 'ok' });
    edit(root, 'prisma/schema.prisma', (text) => text.replace(/\/\/\/ Domain events written[\s\S]*?\n}\n/, ''));
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['outbox']);
    expect(run.check('outbox')).toMatchObject({
      message: expect.stringMatching(
        /^prisma\/schema\.prisma has no OutboxEvent \(table outbox_events\), and the outbox runtime in src\/infrastructure\/messaging\/outbox\//,
      ),
      fix: 'run `infragen add outbox` to merge the outbox models back into the schema, then `infragen generate migration add-outbox`',
      details: [expect.stringMatching(/^prisma\/schema\.prisma:1:1 error IG709/)],
    });
  }, 60_000);

  it('fails when DATABASE_URL does not answer, in bounded time, and skips the migrations', async () => {
    const started = Date.now();
    const run = await runDoctor(project(), { DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/test' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(failures(run)).toEqual(['database']);
    expect(run.check('database').message).toContain('DATABASE_URL (127.0.0.1:9 (schema public)) is not reachable: connect ECONNREFUSED');
    expect(run.check('migrations')).toMatchObject({ status: 'skip', message: 'the database is not reachable' });
  });

  it('fails on pending migrations, naming them', async () => {
    const run = await runDoctor(project(), { DATABASE_URL: freshDatabaseUrl() });
    expect(failures(run)).toEqual(['migrations']);
    expect(run.check('migrations')).toMatchObject({ message: '1 of 1 migrations pending', fix: 'run `npx infragen migrate deploy`' });
    expect(run.check('migrations').details).toEqual([expect.stringMatching(/^pending: \d{14}_init$/)]);
  });

  it('fails on a database that drifted: an applied migration edited since', async () => {
    const root = project();
    const env = { DATABASE_URL: freshDatabaseUrl() };
    expect(runCli(['migrate', 'deploy'], root, env).status).toBe(0);
    const [migration] = readFileSync(path.join(root, '.infragen/manifest.json'), 'utf8').match(/prisma\/migrations\/\d{14}_init\/migration\.sql/) ?? [];
    if (!migration) throw new Error('no initial migration in the manifest');
    edit(root, migration, (text) => `${text}\n-- edited\n`);
    const run = await runDoctor(root, env);
    expect(failures(run)).toEqual(['migrations']);
    expect(run.check('migrations').message).toBe('the database has drifted from the migrations folder');
    expect(run.check('migrations').details).toEqual([`edited after it was applied: ${migration.split('/')[2]}`]);
  }, 60_000);

  it('fails when a configured broker does not answer', async () => {
    const run = await runDoctor(project(), { AMQP_URL: 'amqp://guest:guest@127.0.0.1:9' });
    expect(failures(run)).toEqual(['broker rabbitmq']);
    expect(run.check('broker rabbitmq').message).toBe('RabbitMQ is not reachable at 127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('reaches NATS JetStream, and reads every broker variable’s address form', async () => {
    expect(await serviceAvailable('nats')).toBe(true);
    expect((await checkBroker('nats', { NATS_URL: serviceUrls.nats }, { connectMs: 1500, historyMs: 0 })).status).toBe('ok');
    expect(brokerAddresses('kafka', 'k1:9093, k2')).toEqual([
      { host: 'k1', port: 9093 },
      { host: 'k2', port: 9092 },
    ]);
    expect(brokerAddresses('rabbitmq', 'amqps://u:p@mq.example/vhost')).toEqual([{ host: 'mq.example', port: 5671 }]);
    expect(brokerAddresses('nats', 'nats://a:4223,nats://b')).toEqual([
      { host: 'a', port: 4223 },
      { host: 'b', port: 4222 },
    ]);
  });

  it('fails when a file the manifest lists is gone, and lists edited ones', async () => {
    const root = project();
    unlinkSync(path.join(root, 'src/infrastructure/db/client.ts'));
    edit(root, 'src/main.ts', (text) => `${text}\n// mine\n`);
    const run = await runDoctor(root);
    expect(failures(run)).toEqual(['manifest']);
    expect(run.check('manifest').details).toEqual(['missing: src/infrastructure/db/client.ts', 'edited since infragen wrote it: src/main.ts']);
  });
});
