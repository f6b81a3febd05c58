// infragen's generators for a project's own plopfile: `plop.load('infragen')`, or `register(plop)`.
import type { CustomActionFunction, NodePlopAPI } from 'node-plop';
import type { GlobalOptions } from '../cli/global-options.js';
import { Reporter } from '../cli/reporter.js';
import { formatDiagnostic, InfragenError } from '../diagnostics.js';

type Answers = Record<string, unknown>;

interface CommandActionConfig {
  type: 'infragen';
  run: (options: GlobalOptions, reporter: Reporter, answers: Answers) => Promise<unknown>;
}

const entityNames = (answers: Answers): string[] =>
  String(answers['entities'] ?? '')
    .split(/[\s,]+/)
    .filter((name) => name.length > 0);

function optionsFor(plop: NodePlopAPI): GlobalOptions {
  return { cwd: plop.getDestBasePath(), dryRun: false, force: false, json: false, yes: true, verbose: false };
}

/** Runs one infragen command with the answers; plop prints the returned line, or the error's diagnostics. */
function commandAction(plop: NodePlopAPI): CustomActionFunction {
  return async (answers, config) => {
    const { run } = config as unknown as CommandActionConfig;
    try {
      await run(optionsFor(plop), new Reporter(false, false), answers);
      return 'done';
    } catch (error) {
      if (error instanceof InfragenError) throw new Error([error.message, ...error.diagnostics.map(formatDiagnostic)].join('\n'));
      throw error;
    }
  };
}

const entitiesPrompt = { type: 'input', name: 'entities', message: 'Entities (space or comma separated; empty for all)', default: '' };

type Run = CommandActionConfig['run'];

/** One plop generator that runs one infragen command with the answers to its prompts. */
function commandGenerator(plop: NodePlopAPI, name: string, description: string, prompts: object[], run: Run): void {
  plop.setGenerator(name, { description, prompts: prompts as never, actions: [{ type: 'infragen', run } as never] });
}

export function register(plop: NodePlopAPI): void {
  plop.setActionType('infragen', commandAction(plop));
  commandGenerator(plop, 'infragen:schema', 'write or update prisma/schema.prisma from the domain entities', [entitiesPrompt], async (options, reporter, answers) =>
    (await import('../commands/generate-schema.js')).generateSchema({ options, reporter, entities: entityNames(answers) }),
  );
  commandGenerator(plop, 'infragen:repo', 'write Prisma repositories implementing the domain ports', [entitiesPrompt], async (options, reporter, answers) =>
    (await import('../commands/generate-repo.js')).generateRepo({ options, reporter, entities: entityNames(answers) }),
  );
  commandGenerator(
    plop,
    'infragen:messaging',
    'add messaging adapters for a broker',
    [{ type: 'list', name: 'broker', message: 'Broker', choices: ['rabbitmq', 'nats', 'kafka'], default: 'rabbitmq' }],
    async (options, reporter, answers) => (await import('../commands/add-messaging.js')).addMessaging(options, reporter, [answers['broker'] as 'rabbitmq' | 'nats' | 'kafka']),
  );
}
