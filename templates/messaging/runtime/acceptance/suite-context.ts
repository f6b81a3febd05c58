import type { ChildProcess } from 'node:child_process';
import type { EventHandler } from '../messaging/shared/event-handlers.js';
import type { MessageConsumer } from '../messaging/shared/ports.js';
import type { BrokerHarness, HarnessBroker, HarnessSettings } from './harness.js';
import type { ProbeEvent } from './probe-events.js';

/** What every group of scenarios is written with: the harness, and brokers and consumers that the suite cleans up. */
export interface SuiteContext {
  harness: BrokerHarness;
  open(settings?: Partial<HarnessSettings>): Promise<HarnessBroker>;
  consume(broker: HarnessBroker, group: string, handler: EventHandler<ProbeEvent>): Promise<MessageConsumer>;
  /** Worker processes to kill after the scenario. */
  children: ChildProcess[];
}
