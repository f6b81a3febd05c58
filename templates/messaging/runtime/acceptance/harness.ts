import type { TransportMessage } from '../messaging/shared/envelope.js';
import type { DeadLetter, MessageBroker } from '../messaging/shared/ports.js';
import type { RetryPolicy } from '../messaging/shared/retry-policy.js';
import type { ProbeEvent } from './probe-events.js';

export interface HarnessSettings {
  retry: RetryPolicy;
  prefetch?: number;
}

/** One broker on a fresh topology (unique names), with the test-only operations the suite needs. */
export interface HarnessBroker {
  broker: MessageBroker<ProbeEvent>;
  /** Publishes bytes and headers as they are, bypassing serialization. */
  publishRaw(routingKey: string, message: TransportMessage): Promise<void>;
  deadLetters(group: string): Promise<DeadLetter[]>;
  /** Severs every connection as a broker restart would; absent when there is no connection to cut. */
  cutConnections?(): Promise<void>;
  /** Stops passing on what the broker sends over the current connections, until they are cut; absent like `cutConnections`. */
  holdConnections?(): void;
  /** Publishes with header values of the protocol's own types (numbers…), as another service's client may; absent where headers are text. */
  publishTyped?(routingKey: string, body: Uint8Array, headers: Record<string, string | number>): Promise<void>;
  /** The environment a consumer worker process needs to join this topology; absent for in-process brokers. */
  workerEnv?(group: string): Record<string, string>;
  dispose(): Promise<void>;
}

/** What the acceptance suite is run against: one per broker adapter. */
export interface BrokerHarness {
  name: string;
  available(): Promise<boolean>;
  create(settings: HarnessSettings): Promise<HarnessBroker>;
  /** A broker at an address nobody answers on; absent for in-process brokers. */
  createUnreachable?(publishTimeoutMs: number): Promise<MessageBroker<ProbeEvent>>;
  /** The module a worker process imports to build its broker (see consumer-worker.ts). */
  workerModule?: string;
  /** Whether the broker counts the deliveries of a message that was never settled (a consumer killed while handling it). */
  countsDeliveries?: boolean;
  /** Whether the events of one aggregate stay in order through retries and across the consumers of a group (see the README). */
  keepsKeyOrderUnderRetries?: boolean;
}
