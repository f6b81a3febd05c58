/** Base of every error the messaging layer raises on purpose. */
export class MessagingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A received message cannot be turned into an event: bad headers, bad JSON, unknown type, invalid payload. */
export class MalformedMessageError extends MessagingError {}

/** A payload failed validation; `issues` lists every problem found, not only the first. */
export class PayloadValidationError extends MalformedMessageError {
  readonly eventType: string;
  readonly issues: readonly string[];

  constructor(
    eventType: string,
    issues: readonly string[],
  ) {
    super(`Invalid payload for ${eventType}: ${issues.join('; ')}`);
    this.eventType = eventType;
    this.issues = issues;
  }
}

/** An object was published whose class is not in the event catalog. */
export class UnknownEventError extends MessagingError {}

/** The broker could not be reached, or did not confirm a message, within the configured time. */
export class BrokerUnavailableError extends MessagingError {}

/** The broker refused (nacked) a published message. */
export class PublishRejectedError extends MessagingError {}

/** A publisher or consumer was used after `close()`/`stop()`. */
export class MessagingClosedError extends MessagingError {}

/** A consumer group asked about (its dead letters) was never started on this broker. */
export class GroupNotFoundError extends MessagingError {
  readonly group: string;

  constructor(group: string, where: string) {
    super(`No consumer group "${group}" on ${where}: it was never started there`);
    this.group = group;
  }
}

/** A configuration value (usually an environment variable) is invalid. */
export class MessagingConfigError extends MessagingError {}

/** The text of an unknown thrown value, for logs and dead-letter headers. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
