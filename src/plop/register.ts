// infragen's generators for a project's own plopfile: `plop.load('infragen')`, or `register(plop)`.
import type { CustomActionFunction, NodePlopAPI } from 'node-plop';
import { brokers, type Broker } from '../config/brokers.js';
import type { Reporter } from '../commands/reporter.js';
import type { RunOptions } from '../commands/run-options.js';
import { formatDiagnostic, InfragenError, type Diagnostic } from '../diagnostics.js';

type Answers = Record<string, unknown>;

interface CommandActionConfig {
  type: 'infragen';
  run: (options: RunOptions, reporter: Reporter, answers: Answers) => Promise<unknown>;
}

const entityNames = (answers: Answers): string[] =>
  String(answers['entities'] ?? '')
    .split(/[\s,]+/)
    .filter((name) => name.length > 0);

function optionsFor(plop: NodePlopAPI): RunOptions {
  return { cwd: plop.getDestBasePath(), dryRun: false, force: false, json: false, yes: true, verbose: false };
}

/** Collects what a command says; plop shows it as the action's result. */
class CollectingReporter implements Reporter {
  readonly json = false;
  readonly lines: string[] = [];
  info = (message: string) => void this.lines.push(message);
  success = (message: string) => void this.lines.push(message);
  failure = (message: string) => void this.lines.push(`failed ${message}`);
  warn = (message: string) => void this.lines.push(`warning ${message}`);
  diagnostics = (diagnostics: readonly Diagnostic[]) => void this.lines.push(...diagnostics.map(formatDiagnostic));
  out = (text: string) => void this.lines.push(text);
  result(): void {}
}

/** Runs one infragen command with the answers; plop prints what it said, or the error's diagnostics. */
function commandAction(plop: NodePlopAPI): CustomActionFunction {
  return async (answers, config) => {
    const { run } = config as unknown as CommandActionConfig;
    const reporter = new CollectingReporter();
    try {
      await run(optionsFor(plop), reporter, answers);
      return reporter.lines.join('\n') || 'done';
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
    [{ type: 'list', name: 'broker', message: 'Broker', choices: [...brokers], default: 'rabbitmq' }],
    async (options, reporter, answers) => (await import('../commands/add-messaging.js')).addMessaging(options, reporter, [answers['broker'] as Broker]),
  );
}
