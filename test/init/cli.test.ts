import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliPath, offlinePrismaEnv, repoRoot, runBin } from '../e2e/support.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** The environment of a user at a terminal: no CI, no colours (so the output can be matched). */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.npm_config_user_agent;
  return env;
}

interface Exchange {
  /** Output (ANSI codes removed) that shows the prompt is waiting. */
  prompt: RegExp;
  keys: string;
}

/**
 * Runs the CLI in a pseudo-terminal made by util-linux `script`, typing each answer once its prompt
 * shows. Resolves with the exit code and everything the terminal showed.
 */
function runInTerminal(args: string, cwd: string, exchanges: Exchange[]): Promise<{ code: number | null; screen: string }> {
  const command = `stty cols 120 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} ${args}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: userEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = [...exchanges];
  let screen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer in time; the terminal showed:\n${screen}`));
    }, 150_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      const next = pending[0];
      if (next && next.prompt.test(screen)) {
        pending.shift();
        screen += '\n<typed>\n';
        setTimeout(() => child.stdin.write(next.keys), 150);
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('infragen init, prompts and refusals', () => {
  let parent: string;

  beforeAll(() => {
    assertBuilt();
    parent = mkdtempSync(path.join(os.tmpdir(), 'infragen-init-cli-'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it.runIf(hasScript)('asks for the name, broker, package manager and outbox in a terminal, and writes what was answered', async () => {
    const down = '\x1b[B';
    const { code, screen } = await runInTerminal('init --no-install --no-git', parent, [
      { prompt: /Project name/, keys: 'typed-app\r' },
      { prompt: /Message broker/, keys: `${down}\r` }, // RabbitMQ → NATS JetStream
      { prompt: /Package manager/, keys: `${down}\r` }, // npm → pnpm
      { prompt: /Transactional outbox/, keys: '\r' }, // yes, the default
    ]);
    expect(code, screen).toBe(0);
    expect(screen).toContain('infragen init');
    expect(screen).toMatch(/initial migration \d{14}_init/); // the spinner's closing line
    const root = path.join(parent, 'typed-app');
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe('typed-app');
    expect(manifest.dependencies).toHaveProperty('nats');
    expect(manifest.dependencies).not.toHaveProperty('amqplib');
    expect(existsSync(path.join(root, 'src/infrastructure/messaging/nats/broker.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'src/infrastructure/projections/ticket-summary.projection.ts'))).toBe(true);
    expect(readFileSync(path.join(root, 'compose.yaml'), 'utf8')).toContain('nats:');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('pnpm dev ');
    expect(screen).toContain('pnpm test');

    // The NATS variant compiles too.
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    expect(runBin('prisma', ['generate'], root, offlinePrismaEnv()).status).toBe(0);
    const tsc = runBin('tsc', ['--noEmit', '-p', '.'], root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 180_000);

  it('prompts for nothing when stdin is not a terminal: defaults for what no flag gave', () => {
    const run = spawnSync(process.execPath, [cliPath, 'init', 'piped-app', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8', env: userEnv(), input: '' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/Project name|Message broker|Package manager|Transactional outbox/);
    expect(existsSync(path.join(parent, 'piped-app/src/infrastructure/messaging/outbox/relay.ts'))).toBe(true); // the outbox is on by default
    const manifest = JSON.parse(readFileSync(path.join(parent, 'piped-app/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies).toHaveProperty('amqplib'); // the default broker
    expect(run.stderr).toContain('npm test');
  }, 120_000);

  it('asks for the missing directory with a clear error, not a prompt, when stdin is not a terminal', () => {
    const before = readdirSync(parent);
    const run = spawnSync(process.execPath, [cliPath, 'init', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8', env: userEnv(), input: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('infragen init needs the directory to create');
    expect(run.stderr).toContain('infragen init <dir>');
    expect(readdirSync(parent)).toEqual(before);
  });

  it('refuses a non-empty directory without --force: exit 1, nothing written', () => {
    const target = path.join(parent, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'notes.txt'), 'mine');
    const run = spawnSync(process.execPath, [cliPath, 'init', 'taken', '--yes', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8', env: { ...userEnv(), CI: '1' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not empty; nothing was written');
    expect(run.stderr).toContain('--force');
    expect(readdirSync(target)).toEqual(['notes.txt']);

    const forced = spawnSync(process.execPath, [cliPath, 'init', 'taken', '--force', '--dry-run', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8', env: { ...userEnv(), CI: '1' } });
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/create\s+src\/domain\/ticket\/ticket\.ts/);
    expect(forced.stderr).toContain('nothing was written');
    expect(readdirSync(target)).toEqual(['notes.txt']);
  }, 120_000);

  it('writes a Kafka project like the others with --broker kafka, which compiles and selects Kafka by KAFKA_BROKERS', () => {
    const run = spawnSync(process.execPath, [cliPath, 'init', 'kafka-app', '--broker', 'kafka', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8', env: { ...userEnv(), CI: '1' } });
    expect(run.status, run.stderr).toBe(0);
    const root = path.join(parent, 'kafka-app');
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies).toHaveProperty('kafkajs');
    expect(readFileSync(path.join(root, 'compose.yaml'), 'utf8')).toContain('image: apache/kafka');
    expect(readFileSync(path.join(root, '.env.example'), 'utf8')).toContain('# KAFKA_BROKERS=127.0.0.1:9092');
    expect(readFileSync(path.join(root, 'src/infrastructure/messaging/messaging.ts'), 'utf8')).toContain("if (env['KAFKA_BROKERS']) return 'kafka';");
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    expect(runBin('prisma', ['generate'], root, offlinePrismaEnv()).status).toBe(0);
    const tsc = runBin('tsc', ['--noEmit', '-p', '.'], root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 180_000);

  it('names the allowed values of a wrong --broker', () => {
    const run = spawnSync(process.execPath, [cliPath, 'init', 'x', '--broker', 'mqtt', '--no-install'], { cwd: parent, encoding: 'utf8', env: { ...userEnv(), CI: '1' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/rabbitmq, nats, kafka, none/);
    expect(existsSync(path.join(parent, 'x'))).toBe(false);
  });
});
