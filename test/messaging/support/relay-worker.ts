// An outbox relay in a process of its own, for the crash test: it publishes to the broker of WORKER_MODULE's
// topology, pausing RELAY_PUBLISH_DELAY_MS before each publish. With RELAY_HALT_AFTER=N, every publish confirmed
// from the Nth on hangs instead of returning, and the worker says "halted": its batch can never be recorded, so a
// SIGKILL sent then lands in the middle of a batch whatever the machine's speed.
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { probeCatalog, type ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';
import { OutboxRelay } from '../../../templates/messaging/runtime/messaging/outbox/relay.js';
import { outboxTables, type SqlClient } from '../../../templates/messaging/runtime/messaging/outbox/sql-client.js';
import type { MessageBroker } from '../../../templates/messaging/runtime/messaging/shared/ports.js';

const { OUTBOX_CLIENT_MODULE, OUTBOX_SCHEMA, DATABASE_URL, WORKER_MODULE, RELAY_PUBLISH_DELAY_MS, RELAY_BATCH, RELAY_LEASE_MS, RELAY_HALT_AFTER } = process.env;
if (!OUTBOX_CLIENT_MODULE || !OUTBOX_SCHEMA || !DATABASE_URL || !WORKER_MODULE)
  throw new Error('OUTBOX_CLIENT_MODULE, OUTBOX_SCHEMA, DATABASE_URL and WORKER_MODULE are required');

const { PrismaClient } = (await import(OUTBOX_CLIENT_MODULE)) as { PrismaClient: new (options: { adapter: PrismaPg }) => SqlClient };
const { connectWorker } = (await import(WORKER_MODULE)) as { connectWorker(env: NodeJS.ProcessEnv): Promise<MessageBroker<ProbeEvent>> };
const database = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }, { schema: OUTBOX_SCHEMA }) });
const broker = await connectWorker(process.env);
const publisher = broker.publisher();
const delayMs = Number(RELAY_PUBLISH_DELAY_MS ?? '0');
const haltAfter = Number(RELAY_HALT_AFTER ?? 'Infinity');
let published = 0;
const relay = new OutboxRelay({
  database,
  tables: outboxTables(OUTBOX_SCHEMA),
  catalog: probeCatalog,
  publisher: {
    async publish(event, options) {
      await sleep(delayMs);
      await publisher.publish(event, options);
      published += 1;
      process.stdout.write(`published ${published}\n`);
      if (published >= haltAfter) {
        process.stdout.write('halted\n');
        await new Promise(() => {});
      }
    },
    close: (options) => publisher.close(options),
  },
  batchSize: Number(RELAY_BATCH ?? '100'),
  // One batch at a time, so that a kill lands inside a batch whose confirms are not recorded yet.
  concurrency: 1,
  leaseMs: Number(RELAY_LEASE_MS ?? '30000'),
  pollIntervalMs: 50,
});
await relay.start();
process.stdout.write('ready\n');
