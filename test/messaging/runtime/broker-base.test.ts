import { describe, expect, it } from 'vitest';
import { BrokerBase, DeadlinePublisher } from '../../../templates/messaging/runtime/messaging/shared/broker-base.js';
import { MessagingClosedError, UnknownEventError } from '../../../templates/messaging/runtime/messaging/shared/errors.js';
import type { OutgoingMessage } from '../../../templates/messaging/runtime/messaging/shared/event-codec.js';
import { EventPublisherAdapter } from '../../../templates/messaging/runtime/messaging/shared/event-publisher-adapter.js';
import type { MessageConsumer, MessagePublisher } from '../../../templates/messaging/runtime/messaging/shared/ports.js';
import { defaultShutdownTimeoutMs } from '../../../templates/messaging/runtime/messaging/shared/shutdown.js';
import { probe, probeCatalog, type ProbeEvent } from '../../../templates/messaging/runtime/acceptance/probe-events.js';

/** Sends nothing: each send waits until `settle` is called, or fails at the deadline. */
class HeldPublisher extends DeadlinePublisher<ProbeEvent> {
  readonly sent: OutgoingMessage[] = [];
  private readonly releases: (() => void)[] = [];

  constructor(publishTimeoutMs: number) {
    super(probeCatalog, publishTimeoutMs);
  }

  protected send(outgoing: OutgoingMessage, deadline: number): Promise<void> {
    this.sent.push(outgoing);
    return new Promise((resolve, reject) => {
      this.releases.push(resolve);
      setTimeout(() => reject(new Error(`no answer by ${deadline}`)), Math.max(0, deadline - Date.now()));
    });
  }

  settle(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

describe('DeadlinePublisher', () => {
  it('encodes each event and gives the send its deadline', async () => {
    const publisher = new HeldPublisher(20);
    const startedAt = Date.now();
    await expect(publisher.publish(probe(1))).rejects.toThrow(/no answer by \d+/);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(15);
    expect(publisher.sent.map((outgoing) => outgoing.envelope.eventType)).toEqual(['probe.happened']);
  });

  it('waits on close for the publishes under way, then refuses new ones', async () => {
    const publisher = new HeldPublisher(5_000);
    const publishing = publisher.publish(probe(1));
    let closed = false;
    const closing = publisher.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(false);
    publisher.settle();
    await Promise.all([publishing, closing]);
    await expect(publisher.publish(probe(2))).rejects.toThrow(MessagingClosedError);
  });
});

describe('BrokerBase', () => {
  it('stops the consumers, then closes the publishers, then releases the connection', async () => {
    const steps: string[] = [];
    class RecordingBroker extends BrokerBase<ProbeEvent> {
      protected createPublisher(): MessagePublisher<ProbeEvent> {
        return { publish: async () => {}, close: async () => void steps.push('publisher closed') };
      }
      protected createConsumer(): MessageConsumer {
        return { start: async () => {}, stop: async () => void steps.push('consumer stopped') };
      }
      protected async release(): Promise<void> {
        steps.push('released');
      }
    }
    const broker = new RecordingBroker();
    broker.publisher();
    broker.consumer({ group: 'g', handlers: undefined as never });
    broker.consumer({ group: 'h', handlers: undefined as never });
    await broker.close();
    expect(steps).toEqual(['consumer stopped', 'consumer stopped', 'publisher closed', 'released']);
  });

  it('forgets the publishers and consumers closed by their owner, and gives every caller of close() one promise', async () => {
    const steps: string[] = [];
    class RecordingBroker extends BrokerBase<ProbeEvent> {
      protected createPublisher(): MessagePublisher<ProbeEvent> {
        return { publish: async () => {}, close: async () => void steps.push('publisher closed') };
      }
      protected createConsumer(): MessageConsumer {
        return { start: async () => {}, stop: async () => void steps.push('consumer stopped') };
      }
      protected async release(): Promise<void> {
        steps.push('released');
      }
    }
    const broker = new RecordingBroker();
    await broker.publisher().close();
    const consumer = broker.consumer({ group: 'g', handlers: undefined as never });
    await consumer.stop();
    await consumer.stop();
    expect(broker.close()).toBe(broker.close());
    await broker.close();
    expect(steps).toEqual(['publisher closed', 'consumer stopped', 'released']);
  });

  it('closes within its deadline when a consumer never stops, and still releases the connection', async () => {
    let released = false;
    class HungBroker extends BrokerBase<ProbeEvent> {
      protected createPublisher(): MessagePublisher<ProbeEvent> {
        return { publish: async () => {}, close: async () => {} };
      }
      protected createConsumer(): MessageConsumer {
        return { start: async () => {}, stop: () => new Promise<void>(() => {}) };
      }
      protected async release(): Promise<void> {
        released = true;
      }
    }
    const broker = new HungBroker();
    broker.consumer({ group: 'g', handlers: undefined as never });
    const startedAt = Date.now();
    await broker.close({ timeoutMs: 100 });
    // Its own deadline, not the default one: the margin between the two absorbs a loaded machine.
    expect(Date.now() - startedAt).toBeLessThan(defaultShutdownTimeoutMs);
    expect(released).toBe(true);
  }, 20_000);
});

describe('EventPublisherAdapter', () => {
  class Port extends EventPublisherAdapter<ProbeEvent> {
    publish = (event: object) => this.publishOne(event);
    publishAll = (events: readonly object[]) => this.publishInOrder(events);
  }

  it('publishes catalogued events in order, with the options of the moment, and refuses anything else', async () => {
    const published: [number, string | undefined][] = [];
    const publisher: MessagePublisher<ProbeEvent> = { publish: async (event, options) => void published.push([event.sequence, options?.correlationId]), close: async () => {} };
    const port = new Port(probeCatalog, publisher, () => ({ correlationId: 'c-1' }));
    await port.publishAll([probe(1), probe(2), probe(3)]);
    expect(published).toEqual([
      [1, 'c-1'],
      [2, 'c-1'],
      [3, 'c-1'],
    ]);
    await expect(port.publish({ sequence: 4 })).rejects.toThrow(new UnknownEventError('Object is not a domain event known to the messaging layer'));
  });
});
