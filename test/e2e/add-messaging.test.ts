import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, runBin, runCli, snapshotTree, type TempProject } from './support.js';

// An existing codebase: its own package.json with dependencies and scripts, a strict tsconfig.
const existingPackage = `{
    "name": "shop",
    "private": true,
    "type": "module",
    "scripts": {
        "start": "node dist/main.js"
    },
    "dependencies": {
        "zod": "^3.0.0"
    }
}
`;

describe('infragen add messaging, in an existing codebase', () => {
  let project: TempProject;

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/shop', {
      'package.json': existingPackage,
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
        include: ['src', 'test'],
      }),
    });
  });
  afterAll(() => project?.remove());

  it('adds RabbitMQ and NATS adapters, the event map, and the client packages, keeping package.json as it was written', () => {
    const run = runCli(['add', 'messaging', '--broker', 'rabbitmq', 'nats'], project.root);
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['src/infrastructure/messaging/rabbitmq/publisher.ts', 'src/infrastructure/messaging/nats/consumer.ts', 'src/infrastructure/messaging/events.ts']) {
      expect(run.stderr).toContain(`create    ${file}`);
    }
    const manifest = readFileSync(path.join(project.root, 'package.json'), 'utf8');
    expect(manifest).toMatch(/^ {4}"scripts": \{\n {8}"start": "node dist\/main.js"\n {4}\},/m);
    expect(manifest).toContain('"zod": "^3.0.0"');
    expect(manifest).toMatch(/"amqplib": "\d+\.\d+\.\d+"/);
    expect(manifest).toMatch(/"nats": "\d+\.\d+\.\d+"/);
    const events = readFileSync(path.join(project.root, 'src/infrastructure/messaging/events.ts'), 'utf8');
    expect(events).toContain('order.placed');
    expect(events).toContain('order.shipped');
  });

  it('compiles with the domain under strict settings', () => {
    const tsc = runBin('tsc', ['-p', '.'], project.root);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('passes the acceptance suite on the in-memory broker, with no service running', () => {
    const run = runBin('vitest', ['run', 'test/messaging/memory'], project.root, { NO_COLOR: '1' });
    expect(run.stdout + run.stderr).toMatch(/Tests\s+\d+ passed/);
    expect(run.status).toBe(0);
  });

  it('regenerates the event map with nothing to change', () => {
    const before = snapshotTree(project.root);
    const events = runCli(['generate', 'events'], project.root);
    expect(events.status, events.stderr).toBe(0);
    expect(events.stderr).toMatch(/nothing to change/);
    expect(snapshotTree(project.root)).toEqual(before);
  });

  it('adds Kafka beside the brokers already there, which are kept as they are', () => {
    const rabbitmq = readFileSync(path.join(project.root, 'src/infrastructure/messaging/rabbitmq/publisher.ts'), 'utf8');
    const run = runCli(['add', 'messaging', '--broker', 'kafka'], project.root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('create    src/infrastructure/messaging/kafka/');
    expect(readFileSync(path.join(project.root, 'package.json'), 'utf8')).toMatch(/"kafkajs": "\d+\.\d+\.\d+"/);
    expect(readFileSync(path.join(project.root, 'src/infrastructure/messaging/rabbitmq/publisher.ts'), 'utf8')).toBe(rabbitmq);
    const tsc = runBin('tsc', ['-p', '.'], project.root);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });
});
