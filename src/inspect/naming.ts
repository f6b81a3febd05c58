/** Naming conventions the inspector recognises. */

const repositoryPort = /^(?:I(?=[A-Z]))?([A-Z]\w*?)(?:RepositoryPort|Repository|Repo)$/;

/** `UserRepository`, `IUserRepository`, `UserRepositoryPort`, `UserRepo` → `User`. */
export function repositoryEntity(name: string): string | undefined {
  return repositoryPort.exec(name)?.[1];
}

/** `EventBus`, `EventPublisher`, `DomainEventPublisher`, `OrderEventPublisher`, `IEventBus`. */
export function isPublisherPortName(name: string): boolean {
  return /^I?\w*(?:EventPublisher|EventBus)$/.test(name);
}

/** `DomainEvent`, `IDomainEvent`, `BaseEvent`, `IntegrationEvent`, `Event`. */
export function isEventLikeName(name: string): boolean {
  return /Event$/.test(name);
}

/** `ValueObject<P>`, `StringValueObject`, `Uuid`, `Identifier`, `EntityId`, `Id`: any name containing ValueObject/Id/Identifier. */
export function isValueObjectBaseName(name: string): boolean {
  return /ValueObject|Identifier|Uuid|UUID|Id(?![a-z])/.test(name);
}

/** `Entity`, `BaseEntity`, `AggregateRoot`, `Aggregate` (and not a value object base such as `EntityId`). */
export function isEntityBaseName(name: string): boolean {
  return /Entity|Aggregate/.test(name) && !isValueObjectBaseName(name);
}

export function isAggregateBaseName(name: string): boolean {
  return /Aggregate/.test(name) && !isValueObjectBaseName(name);
}

export function isPropsName(name: string): boolean {
  return /(?:Props|Properties)$/.test(name);
}

/** `OrderPlacedEvent` → [`Order`, `Placed`]. */
export function pascalWords(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
}

export function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `OrderLine` → `order_line`. */
export function snakeCase(name: string): string {
  return pascalWords(name)
    .map((word) => word.toLowerCase())
    .join('_');
}
