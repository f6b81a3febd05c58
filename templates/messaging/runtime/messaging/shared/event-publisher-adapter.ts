import { UnknownEventError } from './errors.js';
import type { EventCatalog } from './event-definition.js';
import type { MessagePublisher, PublishOptions } from './ports.js';

/**
 * What the adapter behind the domain's publisher port does with the objects the domain hands it: checks
 * that each one is an event of the catalog (ports are often typed more loosely), then publishes it.
 */
export class EventPublisherAdapter<E extends object> {
  private readonly catalog: EventCatalog<E>;
  private readonly publisher: MessagePublisher<E>;
  private readonly publishOptions: () => PublishOptions;

  constructor(
    catalog: EventCatalog<E>,
    publisher: MessagePublisher<E>,
    publishOptions: () => PublishOptions,
  ) {
    this.catalog = catalog;
    this.publisher = publisher;
    this.publishOptions = publishOptions;
  }

  protected async publishOne(event: object): Promise<void> {
    if (!this.catalog.includes(event)) throw new UnknownEventError(`${event.constructor.name} is not a domain event known to the messaging layer`);
    await this.publisher.publish(event, this.publishOptions());
  }

  /** One at a time: events of one aggregate must reach the broker in the order they happened. */
  protected async publishInOrder(events: readonly object[]): Promise<void> {
    for (const event of events) await this.publishOne(event);
  }
}
