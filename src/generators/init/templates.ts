import type { ConflictPolicy } from '../../workspace/planned-file.js';

/** A template under `templates/init/` and the project file it becomes. */
export interface InitTemplate {
  template: string;
  output: string;
  policy: ConflictPolicy;
  /** Written only with the outbox (init's default): the read model and what shows it. */
  outboxOnly?: boolean;
}

const scaffold = (output: string, template = `${output}.hbs`): InitTemplate => ({ template: `init/${template}`, output, policy: 'scaffold' });
const withOutbox = (output: string): InitTemplate => ({ ...scaffold(output), outboxOnly: true });

/** The example's read model: an interface `generate projection` reads, projected from these events of the ticket. */
export const exampleReadModel = {
  name: 'TicketSummary',
  file: 'src/application/read-models/ticket-summary.ts',
  from: ['TicketOpened', 'TicketClosed'],
} as const;

/** The example domain: what infragen's own generators then read to write the infrastructure. */
export const exampleDomain: readonly InitTemplate[] = [
  'src/domain/shared/aggregate-root.ts',
  'src/domain/shared/domain-event.ts',
  'src/domain/shared/event-publisher.ts',
  'src/domain/ticket/comment.ts',
  'src/domain/ticket/email.ts',
  'src/domain/ticket/events/ticket-closed.ts',
  'src/domain/ticket/events/ticket-opened.ts',
  'src/domain/ticket/priority.ts',
  'src/domain/ticket/ticket-id.ts',
  'src/domain/ticket/ticket-props.ts',
  'src/domain/ticket/ticket-repository.ts',
  'src/domain/ticket/ticket.ts',
].map((file) => scaffold(file));

/** Everything else the new project starts with. Dot files are stored without their dot (npm drops `.gitignore`). */
export const projectFiles: readonly InitTemplate[] = [
  scaffold('src/application/open-ticket.ts'),
  scaffold('src/application/close-ticket.ts'),
  withOutbox(exampleReadModel.file),
  scaffold('src/infrastructure/container.ts'),
  scaffold('src/infrastructure/db/seeds/seed.ts'),
  scaffold('src/infrastructure/db/migrations/README.md'),
  scaffold('src/main.ts'),
  scaffold('test/setup.ts'),
  scaffold('test/open-ticket.test.ts'),
  withOutbox('test/ticket-summary.test.ts'),
  scaffold('vitest.config.ts'),
  scaffold('tsconfig.json'),
  scaffold('compose.yaml'),
  scaffold('README.md'),
  scaffold('.env.example', 'env.example.hbs'),
  scaffold('.gitignore', 'gitignore.hbs'),
];
