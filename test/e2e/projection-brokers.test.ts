// The generated projection on the real brokers: a project made by `add messaging` (RabbitMQ, NATS, Kafka),
// `add outbox` and `generate projection`, whose own test (test/fixtures/checks/ticket-activity-brokers.test.ts)
// commits 1,000 commands and checks the read model on the in-memory broker and on each broker that answers.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { kafkaBrokers, serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import {
  assertBuilt,
  failuresOf,
  runProjectTests,
  createTempProject,
  generateClientAndTypeCheck,
  repoRoot,
  runCli,
  type TempProject,
  strictTsconfig,
} from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);
const available = postgres
  ? { rabbitmq: await serviceAvailable('amqp'), nats: await serviceAvailable('nats'), kafka: await serviceAvailable('kafka') }
  : { rabbitmq: false, nats: false, kafka: false };
// INFRAGEN_PROJECTION_LONG=1: 10,000 commands and five relay kills per broker instead of 1,000 and three.
const long = process.env.INFRAGEN_PROJECTION_LONG === '1';
const commands = long ? 10_000 : 1_000;
const kills = long ? 5 : 3;

const readModel = `/** What the projection saw of each ticket: how many events, the last outbox sequence, and any seen out of turn. */
export interface TicketActivity {
  ticketId: string;
  title: string;
  /** @default(0) */
  events: number;
  /** @default(0) */
  lastSequence: number;
  /** @default(0) */
  outOfOrder: number;
}
`;

// What the user writes in place of the projector scaffolded for TicketOpened and TicketRenamed: each handler
// counts its event on the ticket, and counts it out of turn unless its outbox sequence follows the last one the
// projection saw. TicketCommented's handler is added by infragen on a second run, then written the same way.
const projectorText = `import type { TicketOpened, TicketRenamed } from '../../domain/ticket/events.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { ProjectedMessage } from '../messaging/projections/projection.js';

async function follow(tx: Prisma.TransactionClient, ticketId: string, message: ProjectedMessage, title?: string): Promise<void> {
  const { sequence } = await tx.outboxEvent.findUniqueOrThrow({ where: { eventId: message.messageId }, select: { sequence: true } });
  const renamed = title === undefined ? {} : { title };
  const inTurn = await tx.ticketActivity.updateMany({
    where: { ticketId, lastSequence: sequence - 1 },
    data: { events: { increment: 1 }, lastSequence: sequence, ...renamed },
  });
  if (inTurn.count === 1) return;
  // The ticket's first event, or one out of turn.
  await tx.ticketActivity.upsert({
    where: { ticketId },
    create: { ticketId, title: title ?? '', events: 1, lastSequence: sequence, outOfOrder: sequence === 1 ? 0 : 1 },
    update: { events: { increment: 1 }, lastSequence: sequence, outOfOrder: { increment: 1 }, ...renamed },
  });
}

export const ticketActivityProjector = {
  async onTicketOpened(event: TicketOpened, tx: Prisma.TransactionClient, message: ProjectedMessage): Promise<void> {
    await follow(tx, event.ticketId, message, event.title);
  },
  async onTicketRenamed(event: TicketRenamed, tx: Prisma.TransactionClient, message: ProjectedMessage): Promise<void> {
    await follow(tx, event.ticketId, message, event.title);
  },
};
`;

describe.runIf(postgres)('a generated projection on RabbitMQ, NATS, Kafka and the in-memory broker, end to end', () => {
  let project: TempProject;
  const schemaName = scratchSchemaName('e2e_projection_brokers');
  const env = { DATABASE_URL: schemaUrl(schemaName) };
  const projector = 'src/infrastructure/projections/ticket-activity.projector.ts';
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/tickets', {
      'tsconfig.json': strictTsconfig(),
      'src/application/read-models/ticket-activity.ts': readModel,
    });
  });
  afterAll(async () => {
    project?.remove();
    await dropSchemas(schemaName);
  });

  it("generates the messaging layer for the three brokers, the outbox and the projection; a second run adds the new event's handler to the written projector", () => {
    for (const args of [
      ['add', 'messaging', '--broker', 'rabbitmq', 'nats', 'kafka'],
      ['add', 'outbox', '--migration', 'add-outbox'],
      ['generate', 'projection', 'TicketActivity', '--from', 'TicketOpened', 'TicketRenamed', '--migration', 'add-ticket-activity'],
    ]) {
      const run = runCli(args, project.root, env);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    for (const event of ['TicketOpened', 'TicketRenamed']) {
      expect(read(projector)).toContain(`async on${event}(event: ${event}, tx: Prisma.TransactionClient): Promise<void> {`);
    }
    writeFileSync(path.join(project.root, projector), projectorText);

    const again = runCli(['generate', 'projection', 'TicketActivity', '--from', 'TicketOpened', 'TicketRenamed', 'TicketCommented'], project.root, env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('ticketActivityProjector: onTicketCommented added to your projector; the rest of it kept as it is');
    expect(again.stderr).toMatch(/warning IG805: TicketActivity projection: the handler of TicketCommented is generated as a place to fill/);
    const added = read(projector);
    const newImport = "import type { TicketCommented } from '../../domain/ticket/events.js';\n";
    expect(added).toContain(newImport);
    expect(added.replace(newImport, '').startsWith(projectorText.replace(/\n\};\n$/, '\n'))).toBe(true);
    // What the user writes in the added handler.
    const written = added
      .replace(
        'async onTicketCommented(event: TicketCommented, tx: Prisma.TransactionClient): Promise<void> {',
        'async onTicketCommented(event: TicketCommented, tx: Prisma.TransactionClient, message: ProjectedMessage): Promise<void> {',
      )
      .replace(/throw new Error\([^;]*\);/, 'await follow(tx, event.ticketId, message);');
    expect(written).not.toContain('throw new Error');
    writeFileSync(path.join(project.root, projector), written);
    for (const file of ['ticket-activity-brokers.test.ts', 'ticket-relay-worker.ts']) {
      cpSync(path.join(repoRoot, 'test/fixtures/checks', file), path.join(project.root, 'test', file));
    }
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
  }, 240_000);

  it(`projects ${commands} commands exactly once and in order on each broker, through relay kills, and rebuilds to the live read model`, () => {
    const { run, outcomes } = runProjectTests(project.root, 'test/ticket-activity-brokers.test.ts', {
      ...env,
      AMQP_URL: available.rabbitmq ? serviceUrls.amqp : '',
      NATS_URL: available.nats ? serviceUrls.nats : '',
      KAFKA_BROKERS: available.kafka ? kafkaBrokers : '',
      PROJECTION_COMMANDS: String(commands),
      PROJECTION_RELAY_KILLS: String(kills),
    });
    expect(failuresOf(outcomes), run.stderr).toEqual([]);
    const brokers = ['memory', ...(['rabbitmq', 'nats', 'kafka'] as const).filter((broker) => available[broker])];
    expect(outcomes.map((outcome) => outcome.fullName)).toEqual(
      brokers.map(
        (broker, index) =>
          `the TicketActivity projection on ${broker} projects ${commands} commands once each, in order per ticket` +
          (broker === 'memory' ? '' : `, through ${kills} relay processes killed mid-batch`) +
          (index === brokers.length - 1 ? '; a rebuild equals the live read model' : ''),
      ),
    );
  }, 600_000);
});
