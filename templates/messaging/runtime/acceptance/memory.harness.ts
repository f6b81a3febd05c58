import { InMemoryBroker } from '../messaging/memory/in-memory-broker.js';
import type { BrokerHarness } from './harness.js';
import { probeCatalog } from './probe-events.js';

export const memoryHarness: BrokerHarness = {
  name: 'in-memory',
  available: async () => true,
  async create({ retry, prefetch }) {
    const broker = new InMemoryBroker({ catalog: probeCatalog, retryPolicy: retry, ...(prefetch !== undefined && { prefetch }) });
    return {
      broker,
      publishRaw: async (routingKey, message) => broker.publishRaw(routingKey, message),
      deadLetters: async (group) => broker.deadLetters(group),
      dispose: () => broker.close(),
    };
  },
};
