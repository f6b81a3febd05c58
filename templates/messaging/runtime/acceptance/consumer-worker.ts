// A consumer in its own process, for the crash tests: it appends each handled sequence number to a file, and
// kills itself on the sequence number WORKER_CRASH_ON. With WORKER_HALT_AFTER=N, every handler started after the
// Nth hangs instead of finishing: exactly N are handled, the rest stay unsettled, so a SIGKILL sent then lands
// mid-stream whatever the machine's speed.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventHandlers } from '../messaging/shared/event-handlers.js';
import type { MessageBroker } from '../messaging/shared/ports.js';
import { ProbeEvent, probeCatalog } from './probe-events.js';

interface WorkerModule {
  connectWorker(env: NodeJS.ProcessEnv): Promise<MessageBroker<ProbeEvent>>;
}

const { WORKER_MODULE, WORKER_GROUP, WORKER_OUTPUT, WORKER_DELAY_MS, WORKER_CRASH_ON, WORKER_HALT_AFTER } = process.env;
if (WORKER_MODULE === undefined || WORKER_GROUP === undefined || WORKER_OUTPUT === undefined) {
  throw new Error('WORKER_MODULE, WORKER_GROUP and WORKER_OUTPUT are required');
}
const output = WORKER_OUTPUT;
const delayMs = Number(WORKER_DELAY_MS ?? '0');
const haltAfter = Number(WORKER_HALT_AFTER ?? 'Infinity');
let started = 0;
const { connectWorker } = (await import(WORKER_MODULE)) as WorkerModule;
const broker = await connectWorker(process.env);
const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, async (event) => {
  // The poison message: the process dies while handling it, every time, as on an out-of-memory kill.
  if (String(event.sequence) === WORKER_CRASH_ON) process.kill(process.pid, 'SIGKILL');
  if ((started += 1) > haltAfter) await new Promise(() => {});
  await sleep(delayMs);
  appendFileSync(output, `${event.sequence}\n`);
});
const consumer = broker.consumer({ group: WORKER_GROUP, handlers });
await consumer.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void broker.close().then(() => process.exit(0));
});
