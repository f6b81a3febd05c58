// The Kafka adapter's harness for the broker-agnostic acceptance suite. It runs only when KAFKA_BROKERS is
// set (host:port, comma-separated). Brokers started for tests are best run with
// `group.initial.rebalance.delay.ms=0`, or every new group waits 3 s before it receives anything.
import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import { KafkaBroker } from '../messaging/kafka/broker.js';
import { kafkaConfigFromEnv, type KafkaConfig } from '../messaging/kafka/config.js';
import { withKafkaAdmin } from '../messaging/kafka/connection.js';
import { toKafkaMessage } from '../messaging/kafka/kafka-message.js';
import { allReplicas } from '../messaging/kafka/publisher.js';
import { deleteTopics } from '../messaging/kafka/topology.js';
import { silentLogger, type MessagingLogger } from '../messaging/shared/logger.js';
import type { BrokerHarness, HarnessSettings } from './harness.js';
import { closedPort, noRetry, topologyName, workerConnector, workerEnv } from './network-harness.js';
import { probeCatalog, type ProbeEvent } from './probe-events.js';

export const noKafkaBroker = 'no Kafka broker: set KAFKA_BROKERS to run the Kafka acceptance suite';

const brokerList = process.env.KAFKA_BROKERS ?? '';

/** A fresh topology per test: its own events topic (and so its own dead-letter topics). */
function testConfig(brokers: string, name: string, settings: HarnessSettings): KafkaConfig {
  const fromEnv = kafkaConfigFromEnv({ ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC: `acceptance.${name}`, KAFKA_CLIENT_ID: `acceptance-${name}` });
  return {
    ...fromEnv,
    partitions: 6,
    // Groups start with the topology, before anything is published: they must not miss the first events.
    newGroupStart: 'earliest',
    concurrency: settings.prefetch ?? fromEnv.concurrency,
    publishTimeoutMs: 5_000,
    connectionTimeoutMs: 1_000,
    requestTimeoutMs: 5_000,
    // The partitions of a killed consumer move to the others after this.
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 1_000,
    // Retries run up to this late: the scenario on growing delays measures them.
    fetchMaxWaitMs: 50,
    commitIntervalMs: 200,
    reconnect: { baseDelayMs: 50, maxDelayMs: 1_000, retries: 5 },
    retry: settings.retry,
  };
}

/** kafkajs' own socket factory, keeping the sockets so that the suite can cut them. */
function trackingSocketFactory(sockets: Set<net.Socket>): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    const socket = ssl ? tls.connect({ host, port, ...(net.isIP(host) === 0 && { servername: host }), ...ssl }, onConnect) : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
}

function probeBroker(config: KafkaConfig, socketFactory?: ISocketFactory, logger: MessagingLogger = silentLogger): KafkaBroker<ProbeEvent> {
  return new KafkaBroker({ catalog: probeCatalog, config, logger, ...(socketFactory !== undefined && { socketFactory }) });
}

/** Used by consumer-worker.ts in its own process. */
export const connectWorker = workerConnector((name, settings, logger) => probeBroker(testConfig(brokerList, name, settings), undefined, logger));

export const kafkaHarness: BrokerHarness = {
  name: 'kafka',
  workerModule: import.meta.url,
  keepsKeyOrderUnderRetries: true,

  available: async () => brokerList.trim() !== '',

  async create(settings) {
    const name = topologyName();
    const config = testConfig(brokerList, name, settings);
    const sockets = new Set<net.Socket>();
    const broker = probeBroker(config, trackingSocketFactory(sockets));
    return {
      broker,
      async publishRaw(_routingKey, message) {
        const producer = await broker.connection.producer(Date.now() + config.publishTimeoutMs);
        // One partition, so that the suite's raw messages are consumed in the order they were sent.
        await producer.send({ topic: config.topic, acks: allReplicas, messages: [{ ...toKafkaMessage(message), partition: 0 }] });
      },
      deadLetters: (group) => broker.deadLetters(group),
      // Kafka brokers hand out their own addresses in metadata, so a TCP proxy in front of one would be
      // bypassed: the client's sockets are cut instead, as a broker restart would cut them.
      cutConnections: async () => {
        for (const socket of sockets) socket.destroy(Object.assign(new Error('Connection cut by the acceptance suite'), { code: 'ECONNRESET' }));
      },
      workerEnv: () => workerEnv(name, settings, config.concurrency),
      async dispose() {
        await broker.close();
        await withKafkaAdmin(config, silentLogger, (admin) => deleteTopics(admin, config));
      },
    };
  },

  async createUnreachable(publishTimeoutMs) {
    return probeBroker({ ...testConfig(`127.0.0.1:${await closedPort()}`, 'unreachable', { retry: noRetry }), publishTimeoutMs });
  },
};
