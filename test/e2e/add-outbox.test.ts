import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runCli, snapshotTree, type TempProject, strictTsconfig } from './support.js';

// The embedded engine (no DATABASE_URL), as on a machine with no database.
const embedded = { DATABASE_URL: '' };
const outboxDir = 'src/infrastructure/messaging/outbox';

describe('infragen add outbox', () => {
  let project: TempProject;
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');
  const migrations = () =>
    readdirSync(path.join(project.root, 'prisma/migrations'))
      .filter((entry) => entry !== 'migration_lock.toml')
      .sort();

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop', { 'tsconfig.json': strictTsconfig(['src']) });
  });
  afterAll(() => project?.remove());

  it('refuses before the messaging layer exists, and writes nothing', () => {
    const before = snapshotTree(project.root);
    const run = runCli(['add', 'outbox'], project.root, embedded);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('IG708');
    expect(run.stderr).toContain('infragen add messaging --broker');
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('merges the outbox and inbox models into the schema, writes their migration, and plans the relay runtime', () => {
    for (const args of [
      ['generate', 'repo', '--all', '--migration', 'init'],
      ['add', 'messaging', '--broker', 'rabbitmq'],
    ]) {
      const run = runCli(args, project.root, embedded);
      expect(run.status, run.stderr).toBe(0);
    }
    const run = runCli(['add', 'outbox', '--migration', 'add-outbox'], project.root, embedded);
    expect(run.status, run.stderr).toBe(0);
    const schema = read('prisma/schema.prisma');
    expect(schema).toContain('model Order {');
    expect(schema).toContain('model OutboxEvent {');
    expect(schema).toContain('@@map("outbox_events")');
    expect(schema).toContain('model InboxMessage {');
    const [, added] = migrations();
    expect(added).toMatch(/_add_outbox$/);
    const sql = read(`prisma/migrations/${added}/migration.sql`);
    expect(sql).toContain('CREATE TABLE "outbox_events"');
    expect(sql).toContain('CREATE TABLE "inbox_messages"');
    expect(sql).toContain('CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("consumer","message_id")');
    expect(sql).toMatch(/CREATE UNIQUE INDEX "outbox_events_aggregate_type_aggregate_id_sequence_key"/);
    expect(sql).not.toContain('"orders"');
    for (const name of [
      'relay',
      'relay-from-env',
      'relay-process',
      'outbox-command',
      'relay-main',
      'admin-main',
      'inbox',
      'outbox-writer',
      'outbox-store',
      'outbox-admin',
      'notifications',
      'sql-client',
    ]) {
      expect(existsSync(path.join(project.root, `${outboxDir}/${name}.ts`)), name).toBe(true);
    }
    expect(read(`${outboxDir}/relay.ts`)).toContain("from '../shared/backoff.js'");
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.dependencies.pg).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.devDependencies['@types/pg']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('compiles with Prisma Client generated from the merged schema, under strict settings, with the generated relay process and admin command', () => {
    expect(read(`${outboxDir}/relay-main.ts`)).toContain("from '../../db/client.js'");
    expect(read(`${outboxDir}/admin-main.ts`)).toContain("from './outbox-command.js'");
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('is kept when a broker is added, and has nothing to change when added again', () => {
    const relay = read(`${outboxDir}/relay.ts`);
    const messaging = runCli(['add', 'messaging', '--broker', 'nats'], project.root, embedded);
    expect(messaging.status, messaging.stderr).toBe(0);
    expect(read(`${outboxDir}/relay.ts`)).toBe(relay);
    const before = snapshotTree(project.root);
    const again = runCli(['add', 'outbox'], project.root, embedded);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to change/);
    expect(snapshotTree(project.root)).toEqual(before);
  });
});
