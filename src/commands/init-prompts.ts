import * as prompts from '@clack/prompts';
import { UserError, errorDiagnostic } from '../diagnostics.js';
import type { InitBroker, PackageManager } from '../generators/init/index.js';
import { detectPackageManager, type InitFlags } from './init-options.js';
import { brokerInfo, brokers } from '../config/brokers.js';

/** What the prompts ask; each answer also has a flag (or the `<dir>` argument). */
export interface InitAnswers {
  directory: string;
  broker: InitBroker;
  packageManager: PackageManager;
  /** The transactional outbox, and the example's read model projected from its events. */
  outbox: boolean;
}

function answered<T>(value: T): Exclude<T, symbol> {
  if (prompts.isCancel(value) || typeof value === 'symbol') {
    prompts.cancel('Cancelled: nothing was written.');
    throw new UserError('cancelled at a prompt; nothing was written', []);
  }
  return value as Exclude<T, symbol>;
}

/** Asks, in a terminal, for what no flag gave; skips every question a flag or argument answered. */
export async function askInitAnswers(directory: string | undefined, flags: InitFlags): Promise<InitAnswers> {
  prompts.intro('infragen init');
  const dir =
    directory ??
    answered(
      await prompts.text({
        message: 'Project name (the directory to create)',
        placeholder: 'my-app',
        defaultValue: 'my-app',
        validate: (value) => (value && !/^[\w.@/-]+$/.test(value.trim()) ? 'use letters, digits and - _ . @ /' : undefined),
      }),
    );
  const broker =
    flags.broker ??
    answered(
      await prompts.select<InitBroker>({
        message: 'Message broker (the in-memory broker is always there, for development and tests)',
        initialValue: 'rabbitmq',
        options: [...brokers.map((value) => ({ value, label: brokerInfo[value].label })), { value: 'none' as const, label: 'none', hint: 'in-memory only' }],
      }),
    );
  const packageManager =
    flags.pm ??
    answered(
      await prompts.select<PackageManager>({
        message: 'Package manager',
        initialValue: detectPackageManager(),
        options: [
          { value: 'npm', label: 'npm' },
          { value: 'pnpm', label: 'pnpm' },
          { value: 'yarn', label: 'yarn' },
        ],
      }),
    );
  const outbox =
    flags.outbox ??
    answered(
      await prompts.confirm({
        message: 'Transactional outbox and a projected read model (CQRS)? Events are saved with the aggregate and relayed to the broker',
        initialValue: true,
      }),
    );
  return { directory: dir, broker, packageManager, outbox };
}

/** Without a terminal (or with --yes / CI): defaults, and a clear error for the one thing with no default. */
export function defaultInitAnswers(directory: string | undefined, flags: InitFlags): InitAnswers {
  if (directory === undefined) {
    throw new UserError('infragen init needs the directory to create', [
      errorDiagnostic('IG023', 'no <dir> argument, and no terminal to ask for one', undefined, 'run `infragen init <dir>`, e.g. `infragen init my-app --broker rabbitmq`'),
    ]);
  }
  return { directory, broker: flags.broker ?? 'rabbitmq', packageManager: flags.pm ?? detectPackageManager(), outbox: flags.outbox ?? true };
}
