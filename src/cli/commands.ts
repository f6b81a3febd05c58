import { InvalidArgumentError, Option, type Command } from 'commander';
import { brokers, type Broker } from '../config/brokers.js';
import { action } from './action.js';

/** Entity selection shared by the generators that work per entity. */
interface EntitySelectionFlags {
  all?: boolean;
  scaffoldPorts?: boolean;
  migration?: string;
  acceptDataLoss?: boolean;
}

/** `--migration <name>` on the commands that change the schema. */
function migrationOf(flags: EntitySelectionFlags) {
  return flags.migration ? { migration: { name: flags.migration, acceptDataLoss: flags.acceptDataLoss === true } } : {};
}

/** `--count 20` → 20; anything but a whole number ≥ 0 is refused with the value. */
function positiveCount(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) throw new InvalidArgumentError(`expected a whole number, got "${raw}"`);
  return value;
}

/**
 * Declares every command. Each action imports its implementation lazily, so `--help` and `--version`
 * never load ts-morph or Prisma's WebAssembly.
 */
export function registerCommands(program: Command): void {
  program
    .command('init')
    .description('create a new clean-architecture project whose infrastructure infragen generates (runs with no service)')
    .argument('[dir]', 'the directory to create (asked for in a terminal when left out)')
    .addOption(new Option('-b, --broker <broker>', 'message broker besides the in-memory one').choices([...brokers, 'none']))
    .addOption(new Option('--pm <manager>', 'package manager to install with').choices(['npm', 'pnpm', 'yarn']))
    .option('--no-install', 'do not install the dependencies')
    .option('--no-git', 'do not run git init')
    .option('--outbox', 'the transactional outbox and a projected read model in the example (the default)')
    .option('--no-outbox', 'no outbox: the use cases publish their events after saving, and the example has no read model')
    .action(
      action(async (options, reporter, dir: string | undefined, flags: { broker?: string; pm?: string; install?: boolean; git?: boolean; outbox?: boolean }) => {
        const { init } = await import('../commands/init.js');
        await init(options, reporter, dir, flags);
      }),
    );

  const generate = program.command('generate').alias('g').description('generate files from the domain layer');

  generate
    .command('schema')
    .description('write or update prisma/schema.prisma and prisma.config.ts from the domain entities')
    .argument('[entities...]', 'entity names to (re)generate; all of them by default')
    .option('--all', 'generate every entity found')
    .option('--migration <name>', 'also write the migration from the last migrated schema to the new one')
    .option('--accept-data-loss', 'with --migration: write it even when Prisma warns that data would be lost')
    .action(
      action(async (options, reporter, entities: string[], flags: EntitySelectionFlags) => {
        const { generateSchema } = await import('../commands/generate-schema.js');
        await generateSchema({ options, reporter, entities: flags.all ? [] : entities, ...migrationOf(flags) });
      }),
    );

  generate
    .command('repo')
    .alias('repository')
    .description('write Prisma repositories implementing the domain ports, their mappers, and the database client')
    .argument('[entities...]', 'entity names to (re)generate; all aggregates by default')
    .option('--all', 'generate a repository for every aggregate found')
    .option('--scaffold-ports', 'write a repository port into the domain folder of an aggregate that has none (config: scaffoldPorts)')
    .option('--migration <name>', 'also write the migration from the last migrated schema to the new one')
    .option('--accept-data-loss', 'with --migration: write it even when Prisma warns that data would be lost')
    .action(
      action(async (options, reporter, entities: string[], flags: EntitySelectionFlags) => {
        const { generateRepo } = await import('../commands/generate-repo.js');
        await generateRepo({ options, reporter, entities: flags.all ? [] : entities, ...(flags.scaffoldPorts && { scaffoldPorts: true }), ...migrationOf(flags) });
      }),
    );

  generate
    .command('seed')
    .description('write faker seed scripts that save realistic, reproducible data through the generated repositories, run by `prisma db seed`')
    .argument('[entities...]', 'aggregates to seed (what they reference is added); all of them by default')
    .option('--all', 'seed every aggregate found')
    .option('--count <n>', 'how many of each aggregate a run creates by default', positiveCount, 10)
    .action(
      action(async (options, reporter, entities: string[], flags: EntitySelectionFlags & { count: number }) => {
        const { generateSeed } = await import('../commands/generate-seed.js');
        await generateSeed({ options, reporter, entities: flags.all ? [] : entities, count: flags.count });
      }),
    );

  generate
    .command('events')
    .description('regenerate the typed event map and publisher from the domain events, for the brokers already added')
    .action(
      action(async (options, reporter) => {
        const { generateEvents } = await import('../commands/add-messaging.js');
        await generateEvents(options, reporter);
      }),
    );

  generate
    .command('projection')
    .description("write a read model's table, projector (one typed handler per event, inbox-guarded), consumer, rebuild, checkpoint and query repository")
    .argument('<readModel>', 'the read-model interface, e.g. TicketSummary (looked for under src/application/read-models)')
    .requiredOption('--from <events...>', 'the domain events that change it')
    .option('--read-models <folder>', 'where read-model interfaces are declared', 'src/application/read-models')
    .option('--migration <name>', 'also write the migration that creates its table')
    .option('--accept-data-loss', 'with --migration: write it even when Prisma warns that data would be lost')
    .option('--restore-handlers', 'write again the handlers of listed events that you deleted from the projector')
    .action(
      action(async (options, reporter, name: string, flags: EntitySelectionFlags & { from: string[]; readModels: string; restoreHandlers?: boolean }) => {
        const { generateProjection } = await import('../commands/generate-projection.js');
        await generateProjection({
          options,
          reporter,
          name,
          from: flags.from,
          readModelFolder: flags.readModels,
          restoreHandlers: flags.restoreHandlers === true,
          ...migrationOf(flags),
        });
      }),
    );

  generate
    .command('migration')
    .description('write prisma/migrations/<timestamp>_<name>/ (migration.sql and down.sql) from the schema changes since the last migration')
    .argument('<name>', 'what the migration does, e.g. add-user-age')
    .option('--accept-data-loss', 'generate it even when Prisma warns that data would be lost')
    .action(
      action(async (options, reporter, name: string, flags: { acceptDataLoss?: boolean }) => {
        const { generateMigration } = await import('../commands/migrate.js');
        await generateMigration(options, reporter, name, flags.acceptDataLoss === true);
      }),
    );

  const migrate = program.command('migrate').description('apply or revert migrations (DATABASE_URL, else an embedded database)');
  migrate
    .command('deploy')
    .description('apply every pending migration, recorded in _prisma_migrations as Prisma does')
    .action(
      action(async (options, reporter) => {
        const { migrateDeploy } = await import('../commands/migrate.js');
        await migrateDeploy(options, reporter);
      }),
    );
  migrate
    .command('down')
    .description('revert the last applied migration (or every one after --to) with its down.sql')
    .option('--to <migration>', 'revert the migrations applied after this one')
    .action(
      action(async (options, reporter, flags: { to?: string }) => {
        const { migrateDownCommand } = await import('../commands/migrate.js');
        await migrateDownCommand(options, reporter, flags.to);
      }),
    );

  const add = program.command('add').description('add a piece of infrastructure to an existing project');
  add
    .command('messaging')
    .description('add publishers, consumers and an acceptance suite for a message broker (brokers can coexist)')
    .addOption(new Option('-b, --broker <broker...>', 'the broker(s) to add').choices(brokers).makeOptionMandatory())
    .action(
      action(async (options, reporter, flags: { broker: Broker[] }) => {
        const { addMessaging } = await import('../commands/add-messaging.js');
        await addMessaging(options, reporter, flags.broker);
      }),
    );

  add
    .command('outbox')
    .description('add the transactional outbox and inbox tables to schema.prisma, and the relay and inbox runtime to the messaging layer')
    .option('--migration <name>', 'also write the migration that creates the tables')
    .action(
      action(async (options, reporter, flags: { migration?: string }) => {
        const { addOutbox } = await import('../commands/add-outbox.js');
        await addOutbox(options, reporter, flags.migration ? { name: flags.migration, acceptDataLoss: false } : undefined);
      }),
    );

  program
    .command('doctor')
    .description(
      'check what the other commands rely on (Node, TypeScript, Prisma, schema, domain, database, migrations, brokers, manifest); exit 1 on a problem',
    )
    .action(
      action(async (options, reporter) => {
        const { doctor } = await import('../commands/doctor.js');
        await doctor({ options, reporter });
      }),
    );

  program
    .command('templates')
    .description('work with the templates infragen renders')
    .command('eject')
    .description("copy bundled templates into the project's templates folder to override them")
    .argument('[paths...]', 'template files or folders, e.g. repos or db/client.ts.hbs; all by default')
    .action(
      action(async (options, reporter, paths: string[]) => {
        const { ejectTemplates } = await import('../commands/eject-templates.js');
        await ejectTemplates(options, reporter, paths);
      }),
    );
}
