import { errorDiagnostic } from '../../diagnostics.js';
import { formatSchema, lintSchema } from '../../prisma/schema-wasm.js';
import type { ProjectContext } from '../../project/context.js';
import { runtimeOutputPath, type RuntimeDestinations } from '../../render/runtime-paths.js';
import { importPath } from '../../project/import-path.js';
import type { RuntimePlannedFile, TemplatePlannedFile } from '../../workspace/planned-file.js';
import type { ProjectTree } from '../../workspace/project-tree.js';
import { generated, info, nextStep, refused, type GeneratorResult } from '../generator-result.js';
import { clientOutput, mergeSchema, printDatasource, printGenerator } from '../prisma-schema/index.js';
import { outboxModels } from './outbox-models.js';

const generator = 'outbox';

/** The outbox runtime, under `templates/messaging/runtime/messaging/outbox/`; it imports the messaging layer's `shared/`. */
export const outboxRuntimeSources: readonly string[] = [
  'sql-client',
  'outbox-writer',
  'outbox-store',
  'outbox-admin',
  'notifications',
  'relay',
  'relay-from-env',
  'relay-process',
  'outbox-command',
  'inbox',
].map((name) => `messaging/outbox/${name}.ts`);

/** Whether an earlier `add outbox` wrote the runtime, so that regenerating the messaging layer keeps it. */
export function outboxInstalled(context: ProjectContext, tree: ProjectTree): boolean {
  return tree.exists(`${context.options.paths.messaging}/outbox/relay.ts`);
}

/** The generated entry points, beside the runtime: the relay process and the admin command. */
export function outboxEntries(context: ProjectContext): { relay: string; admin: string } {
  const folder = `${context.options.paths.messaging}/outbox`;
  return { relay: `${folder}/relay-main.ts`, admin: `${folder}/admin-main.ts` };
}

/** The package.json scripts that run the entry points through jiti (as the seeds and the projection rebuilds run). */
export function outboxScripts(context: ProjectContext): Record<string, string> {
  const { relay, admin } = outboxEntries(context);
  const run = (file: string, ...args: string[]) => ['node --import jiti/register', file, ...args].join(' ');
  return {
    'outbox:relay': run(relay),
    'outbox:stats': run(admin, 'stats'),
    'outbox:dead': run(admin, 'dead'),
    'outbox:requeue': run(admin, 'requeue'),
    'outbox:purge': run(admin, 'purge'),
  };
}

/**
 * The relay's process and the admin command, owned: they only wire the project's database client, event
 * catalog and broker to the runtime. Imports are relative (jiti, which runs them, does not read tsconfig paths).
 */
function planOutboxEntries(context: ProjectContext): TemplatePlannedFile[] {
  const { messaging, db } = context.options.paths;
  const { relay, admin } = outboxEntries(context);
  const relative = (from: string, to: string) => importPath(from, to, { pathAliases: [], importSuffix: context.importSuffix });
  const clientFile = `${db}/client.ts`;
  return [
    {
      path: relay,
      policy: 'owned',
      generator,
      template: 'messaging/outbox/relay-main.ts.hbs',
      data: {
        relayScript: 'outbox:relay',
        clientImport: relative(relay, clientFile),
        eventsImport: relative(relay, `${messaging}/events.ts`),
        messagingImport: relative(relay, `${messaging}/messaging.ts`),
        relayProcessImport: relative(relay, `${messaging}/outbox/relay-process.ts`),
      },
    },
    {
      path: admin,
      policy: 'owned',
      generator,
      template: 'messaging/outbox/admin-main.ts.hbs',
      data: {
        clientImport: relative(admin, clientFile),
        commandImport: relative(admin, `${messaging}/outbox/outbox-command.ts`),
        sqlClientImport: relative(admin, `${messaging}/outbox/sql-client.ts`),
      },
    },
  ];
}

/** The outbox runtime files, owned: the relay, the inbox, the writer, and the SQL they share; and the entry points. */
export function planOutboxRuntime(context: ProjectContext): GeneratorResult {
  const destinations: RuntimeDestinations = { messaging: context.options.paths.messaging };
  const files = outboxRuntimeSources.map((source): RuntimePlannedFile => {
    const path = runtimeOutputPath(source, destinations)!;
    return {
      path,
      policy: 'owned',
      generator,
      runtime: {
        file: `messaging/runtime/${source}`,
        source,
        destinations,
        importSuffix: context.importSuffix,
        header: 'messaging/_partials/owned-header.hbs',
      },
    };
  });
  return generated([...files, ...planOutboxEntries(context)]);
}

/**
 * `add outbox`: the outbox and inbox models merged into the schema (the user's blocks kept as they are), and
 * the runtime. It needs the messaging layer's shared runtime, which the relay publishes through.
 */
export function planOutbox(context: ProjectContext, tree: ProjectTree): GeneratorResult {
  const { schema: file, messaging } = context.options.paths;
  if (!tree.exists(`${messaging}/shared/ports.ts`)) {
    return refused([
      errorDiagnostic(
        'IG708',
        `the outbox publishes through the messaging layer, and ${messaging}/shared/ports.ts does not exist yet`,
        undefined,
        'run `infragen add messaging --broker <rabbitmq|nats|kafka>` first, then `infragen add outbox`',
      ),
    ]);
  }
  const existing = tree.read(file);
  const merged = mergeSchema(existing, file, {
    owned: outboxModels,
    missing: [],
    header: [
      printGenerator({ output: clientOutput(context), esm: context.moduleFormat === 'esm' && context.importSuffix === '.js' }),
      printDatasource(context.prismaProvider),
    ],
  });
  if (typeof merged !== 'string') return refused([merged]);
  const content = formatSchema(merged);
  const problems = lintSchema(content).filter((problem) => !problem.warning);
  if (problems.length > 0) {
    return refused(
      problems.map((problem) =>
        errorDiagnostic(
          'IG302',
          `Prisma rejects ${file} with the outbox models merged in: ${problem.message}`,
          { file, line: problem.line, column: problem.column },
          'a hand-written block clashes with OutboxEvent or InboxMessage (or their tables outbox_events, inbox_messages); rename yours',
        ),
      ),
    );
  }
  const runtime = planOutboxRuntime(context);
  const notes =
    content === existing
      ? []
      : [
          info(`${file} gets the OutboxEvent and InboxMessage models (tables outbox_events and inbox_messages)`),
          nextStep(
            "run `infragen generate migration add-outbox` (unless you passed --migration), then `npx prisma generate`; `infragen generate repo` makes the repositories save their aggregates' events to the outbox",
          ),
        ];
  return generated([{ path: file, policy: 'merged', generator, format: false, content }, ...runtime.files], { notes });
}
