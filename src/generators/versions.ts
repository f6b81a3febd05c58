import type { Broker } from '../config/brokers.js';

/** A package generated code or a generated project needs, at the version infragen is tested with. */
export interface PackageRequirement {
  name: string;
  version: string;
  dev: boolean;
}

/** Every version infragen pins in the projects it writes to; a test checks them against infragen's own. */
export const pinnedVersions = {
  '@prisma/client': '7.10.0',
  '@prisma/adapter-pg': '7.10.0',
  prisma: '7.10.0',
  pg: '8.23.1',
  '@types/pg': '8.23.1',
  '@electric-sql/pglite': '0.5.16',
  'pglite-prisma-adapter': '0.7.2',
  '@faker-js/faker': '10.6.0',
  jiti: '2.7.0',
  vitest: '4.1.12',
  typescript: '7.0.2',
  '@types/node': '20.19.43',
  amqplib: '2.3.1',
  kafkajs: '2.2.4',
  nats: '2.29.3',
} as const;

type Pinned = keyof typeof pinnedVersions;

const runtime = (name: Pinned): PackageRequirement => ({ name, version: pinnedVersions[name], dev: false });
const dev = (name: Pinned): PackageRequirement => ({ name, version: pinnedVersions[name], dev: true });

/**
 * What generated repositories and the database client import. The client reads `process.env` and Node's
 * `URL` and `performance`: `@types/node` is declared rather than left to arrive through `@types/pg`, since
 * TypeScript 6 and later include no `@types` package the project does not name.
 */
export const repositoryPackages: readonly PackageRequirement[] = [runtime('@prisma/client'), runtime('@prisma/adapter-pg'), runtime('pg'), dev('prisma'), dev('@types/node')];

/** What the database client also imports when its embedded fallback is on. */
export const embeddedDatabasePackages: readonly PackageRequirement[] = [runtime('@electric-sql/pglite'), runtime('pglite-prisma-adapter')];

/** What generated seed scripts import or run with; jiti runs the TypeScript seed entry on Node 20. */
export const seedPackages: readonly PackageRequirement[] = [dev('@faker-js/faker'), dev('jiti')];

/** What the generated repository tests run with. */
export const repositoryTestPackages: readonly PackageRequirement[] = [dev('vitest')];

/** Tools a new project gets from `infragen init` besides what generated code imports. */
export const initToolPackages: readonly PackageRequirement[] = [dev('typescript'), dev('@types/node'), dev('vitest'), dev('jiti')];

/**
 * What generated messaging code imports, per broker; the acceptance suite runs on vitest, and jiti runs its
 * crash test's TypeScript worker in a child process. kafkajs is pure JavaScript: the Confluent client wraps
 * librdkafka, built by an install script that npm 11 does not run by default.
 */
export const messagingPackages: Record<Broker | 'acceptance', readonly PackageRequirement[]> = {
  rabbitmq: [runtime('amqplib')],
  kafka: [runtime('kafkajs')],
  nats: [runtime('nats')],
  acceptance: [dev('vitest'), dev('jiti')],
};

/**
 * What the outbox runtime imports (node-postgres for LISTEN, on a connection of its own), what its entry points
 * import through the database client, and jiti, which runs them.
 */
export const outboxPackages: readonly PackageRequirement[] = [...repositoryPackages, dev('@types/pg'), dev('jiti')];

/** What a projection's rebuild script imports (its own Prisma Client over node-postgres), and jiti, which runs it. */
export const projectionPackages: readonly PackageRequirement[] = [
  runtime('@prisma/client'),
  runtime('@prisma/adapter-pg'),
  runtime('pg'),
  dev('prisma'),
  dev('jiti'),
];

/** The packages a project needs for messaging over `brokers`, acceptance suite included. */
export function messagingDependencies(brokers: readonly Broker[]): PackageRequirement[] {
  return [...brokers.flatMap((broker) => messagingPackages[broker]), ...messagingPackages.acceptance];
}
