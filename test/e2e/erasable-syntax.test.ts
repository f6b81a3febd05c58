import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, erasableOnly, generateClientAndTypeCheck, runCli, strictTsconfig, type TempProject } from './support.js';

// The embedded engine (no DATABASE_URL): nothing here touches a database.
const embedded = { DATABASE_URL: '' };

describe('generated code under erasableSyntaxOnly', () => {
  let project: TempProject;

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/erasable', { 'tsconfig.json': strictTsconfig(['src', 'test'], erasableOnly) });
  });
  afterAll(() => project?.remove());

  it('type-checks the repositories, every broker, the outbox, the relay and the projection runtime', () => {
    for (const args of [
      ['generate', 'repo', '--all'],
      ['add', 'messaging', '--broker', 'rabbitmq', 'nats', 'kafka'],
      ['add', 'outbox'],
      ['generate', 'projection', 'OrderSummary', '--from', 'OrderPlaced'],
    ]) {
      const run = runCli(args, project.root, embedded);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(readFileSync(path.join(project.root, 'src/infrastructure/messaging/outbox/relay.ts'), 'utf8')).toContain('class OutboxRelay');
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
