/** The brokers infragen generates messaging adapters for; the in-memory broker is always generated besides. */
export const brokers = ['rabbitmq', 'nats', 'kafka'] as const;

export type Broker = (typeof brokers)[number];

/** How each broker is named to people and which variable holds its address in a generated project. */
export const brokerInfo: Record<Broker, { label: string; urlVariable: string }> = {
  rabbitmq: { label: 'RabbitMQ', urlVariable: 'AMQP_URL' },
  nats: { label: 'NATS JetStream', urlVariable: 'NATS_URL' },
  kafka: { label: 'Kafka', urlVariable: 'KAFKA_BROKERS' },
};
