/** The brokers infragen generates messaging adapters for; the in-memory broker is always generated besides. */
export const brokers = ['rabbitmq', 'nats', 'kafka'] as const;

export type Broker = (typeof brokers)[number];

/** How each broker is named to people and which variable holds its address in a generated project. */
export const brokerInfo: Record<Broker, { label: string; urlVariable: string; localUrl: string }> = {
  rabbitmq: { label: 'RabbitMQ', urlVariable: 'AMQP_URL', localUrl: 'amqp://guest:guest@127.0.0.1:5672' },
  nats: { label: 'NATS JetStream', urlVariable: 'NATS_URL', localUrl: 'nats://127.0.0.1:4222' },
  kafka: { label: 'Kafka', urlVariable: 'KAFKA_BROKERS', localUrl: '127.0.0.1:9092' },
};
