import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import type { PendingEventNames } from '../../../src/inspect/pending-events.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { createRenderer } from '../../../src/render/index.js';
import type { ProjectTree } from '../../../src/workspace/project-tree.js';

/** What `add messaging` and `add outbox` leave in the project. */
const outboxInstalled = [
  'src/infrastructure/messaging/events.ts',
  'src/infrastructure/messaging/outbox/outbox-writer.ts',
  'src/infrastructure/messaging/outbox/sql-client.ts',
  'prisma/schema.prisma',
];
/** The schema `add outbox` leaves: the outbox and inbox models (their fields do not matter here). */
const outboxSchema =
  'model OutboxEvent {\n  position BigInt @id\n  @@map("outbox_events")\n}\n\nmodel InboxMessage {\n  consumer String @id\n  @@map("inbox_messages")\n}\n';
const treeOf = (files: readonly string[], schema = outboxSchema): ProjectTree => ({
  read: (file) => (!files.includes(file) ? undefined : file === 'prisma/schema.prisma' ? schema : ''),
  exists: (file) => files.includes(file),
});

/** A base class recording events as the domain's aggregates do, with `members` for reading and clearing them. */
const aggregateBase = (members: string) => `export interface DomainEvent {
  readonly occurredAt: Date;
}

export abstract class AggregateRoot {
  private events: DomainEvent[] = [];

  protected record(event: DomainEvent): void {
    this.events.push(event);
  }
${members}
}
`;

const invoice = `import { AggregateRoot } from '../shared/aggregate-root.js';

export class InvoiceIssued {
  constructor(
    readonly invoiceId: string,
    readonly occurredAt: Date,
  ) {}
}

export class Invoice extends AggregateRoot {
  constructor(
    readonly id: string,
    public total: number,
  ) {
    super();
  }

  static issue(id: string, total: number): Invoice {
    const invoice = new Invoice(id, total);
    invoice.record(new InvoiceIssued(id, new Date()));
    return invoice;
  }
}
`;

const port = `import type { Invoice } from './invoice.js';

export interface InvoiceRepository {
  findById(id: string): Promise<Invoice | null>;
  save(invoice: Invoice): Promise<void>;
  saveAll(invoices: Invoice[]): Promise<void>;
}
`;

const styles = {
  getterAndClear: `
  get domainEvents(): readonly DomainEvent[] {
    return this.events;
  }

  clearEvents(): void {
    this.events = [];
  }`,
  uncommitted: `
  getUncommittedEvents(): DomainEvent[] {
    return [...this.events];
  }

  markEventsAsCommitted(): void {
    this.events = [];
  }`,
  pull: `
  pullDomainEvents(): DomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }`,
  configured: `
  pendingChanges(): DomainEvent[] {
    return [...this.events];
  }

  forgetChanges(): void {
    this.events = [];
  }`,
  none: '',
};

function plan(members: string, files: readonly string[] | undefined, eventNames: PendingEventNames = {}, schema?: string) {
  const { model, diagnostics } = inspectDomainSources(
    {
      'src/domain/shared/aggregate-root.ts': aggregateBase(members),
      'src/domain/invoice/invoice.ts': invoice,
      'src/domain/invoice/invoice-repository.ts': port,
    },
    eventNames,
  );
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const options = defaultOptions();
  const { persistence } = planPersistence(model, options);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const result = planRepositories({ domain: model, persistence, context, entities: ['Invoice'], ...(files && { tree: treeOf(files, schema) }) });
  const renderer = createRenderer({ projectRoot: '/p' });
  const text = (path: string) => {
    const file = result.files.find((planned) => planned.path === path);
    return file && (renderer.render(file) as { content: string }).content;
  };
  return {
    model,
    result,
    repository: text('src/infrastructure/repos/prisma-invoice.repository.ts')!,
    appender: text('src/infrastructure/repos/outbox-events.ts'),
  };
}

describe('the repository save with the outbox installed', () => {
  it('reads the events through the getter, writes them in the transaction that upserts the aggregate, and clears them after the commit', () => {
    const { model, result, repository, appender } = plan(styles.getterAndClear, outboxInstalled);
    expect(model.entities.find((entity) => entity.name === 'Invoice')?.events).toEqual({
      read: { kind: 'property', name: 'domainEvents' },
      clear: 'clearEvents',
    });
    expect(result.repositories[0]?.events).toEqual({ read: 'domainEvents', copy: true, clear: 'clearEvents', aggregateType: "'Invoice'" });
    expect(repository).toContain(
      [
        '  async save(invoice: Invoice): Promise<void> {',
        '    const events = [...invoice.domainEvents];',
        '    await this.prisma.$transaction((tx) => this.writeInvoice(tx, invoice, events));',
        '    invoice.clearEvents();',
        '  }',
      ].join('\n'),
    );
    expect(repository).toContain('private async writeInvoice(db: Prisma.TransactionClient, invoice: Invoice, events: readonly unknown[]): Promise<void> {');
    // The events go after the aggregate's upsert, through the same client (the transaction).
    const writer = repository.slice(repository.indexOf('private async writeInvoice'));
    expect(writer.indexOf('await db.invoice.upsert(')).toBeGreaterThan(0);
    expect(writer.indexOf("await appendAggregateEvents(db, events, { type: 'Invoice', id: String(record.id) }, this.outboxTables);")).toBeGreaterThan(
      writer.indexOf('await db.invoice.upsert('),
    );
    expect(repository).toContain('constructor(prisma: PrismaClient, outboxTables: OutboxTables = outboxTablesFromEnv()) {');
    expect(repository).toContain('private readonly outboxTables: OutboxTables;');
    expect(repository).toContain("import { appendAggregateEvents, outboxTablesFromEnv } from './outbox-events.js';");
    expect(repository).toContain("import type { OutboxTables } from '../messaging/outbox/sql-client.js';");
    expect(appender).toContain("import { domainEvents, isDomainEvent } from '../messaging/events.js';");
    expect(appender).toContain("import { appendToOutbox, outboxRecord } from '../messaging/outbox/outbox-writer.js';");
    expect(appender).toContain('await appendToOutbox(tx, records, tables);');
  });

  it('saves a list in one transaction, each with its events, and clears them all after the commit', () => {
    const { repository } = plan(styles.getterAndClear, outboxInstalled);
    expect(repository).toContain(
      [
        '  async saveAll(invoices: Invoice[]): Promise<void> {',
        '    const pending = invoices.map((item) => ({ item, events: [...item.domainEvents] }));',
        '    await this.prisma.$transaction(async (tx) => {',
        '      for (const { item, events } of pending) await this.writeInvoice(tx, item, events);',
        '    });',
        '    for (const item of invoices) item.clearEvents();',
        '  }',
      ].join('\n'),
    );
  });

  it('uses getUncommittedEvents() and markEventsAsCommitted()', () => {
    const { repository } = plan(styles.uncommitted, outboxInstalled);
    expect(repository).toContain('const events = [...invoice.getUncommittedEvents()];');
    expect(repository).toContain('    invoice.markEventsAsCommitted();\n');
  });

  it('pulls the events with pullDomainEvents(), which clears them, and re-records them through the protected record() when the save fails', () => {
    const { model, repository } = plan(styles.pull, outboxInstalled);
    expect(model.entities.find((entity) => entity.name === 'Invoice')?.events).toEqual({
      read: { kind: 'method', name: 'pullDomainEvents' },
      restore: 'record',
    });
    expect(repository).toContain(
      [
        '    const events = invoice.pullDomainEvents();',
        '    try {',
        '      await this.prisma.$transaction((tx) => this.writeInvoice(tx, invoice, events));',
        '    } catch (error) {',
        '      // pullDomainEvents() cleared them: put them back, so that a failed save leaves them pending.',
        "      for (const event of events) invoice['record'](event);",
        '      throw error;',
        '    }',
        '  }',
      ].join('\n'),
    );
    expect(repository).toContain("for (const { item, events } of pending) for (const event of events) item['record'](event);");
  });

  it('pulls without re-recording when no method takes one event of the pulled type', () => {
    const { model, repository } = plan(styles.pull.replace('pullDomainEvents(): DomainEvent[]', 'pullDomainEvents(): object[]'), outboxInstalled);
    expect(model.entities.find((entity) => entity.name === 'Invoice')?.events).toEqual({ read: { kind: 'method', name: 'pullDomainEvents' } });
    expect(repository).toContain(
      '    const events = invoice.pullDomainEvents();\n    await this.prisma.$transaction((tx) => this.writeInvoice(tx, invoice, events));\n  }',
    );
  });

  it('prefers a getter with a clearing method to pullDomainEvents(), so that a failed save leaves the events pending', () => {
    const { repository } = plan(styles.pull + styles.getterAndClear, outboxInstalled);
    expect(repository).toContain('const events = [...invoice.domainEvents];');
    expect(repository).not.toContain('pullDomainEvents');
  });

  it("uses the members the config's domainEvents names", () => {
    expect(plan(styles.configured, outboxInstalled).result.repositories[0]?.events).toBeUndefined();
    const { repository } = plan(styles.configured, outboxInstalled, { read: 'pendingChanges', clear: 'forgetChanges' });
    expect(repository).toContain('const events = [...invoice.pendingChanges()];');
    expect(repository).toContain('    invoice.forgetChanges();\n');
  });

  it("reads an @nestjs/cqrs AggregateRoot's events with getUncommittedEvents() and clears them with uncommit()", () => {
    const nest = `import { AggregateRoot } from '@nestjs/cqrs';

export class Invoice extends AggregateRoot {
  constructor(
    readonly id: string,
    public total: number,
  ) {
    super();
  }
}
`;
    const { model } = inspectDomainSources({ 'src/domain/invoice/invoice.ts': nest, 'src/domain/invoice/invoice-repository.ts': port });
    expect(model.entities.find((entity) => entity.name === 'Invoice')?.events).toEqual({
      read: { kind: 'method', name: 'getUncommittedEvents' },
      clear: 'uncommit',
    });
  });

  it('reports IG709 at the schema, with the add outbox hint, when the schema has lost the outbox models; none when it has them', () => {
    expect(plan(styles.getterAndClear, outboxInstalled).result.diagnostics).toEqual([]);
    const withoutInbox = plan(styles.getterAndClear, outboxInstalled, {}, outboxSchema.replace(/model InboxMessage[\s\S]*$/, '')).result.diagnostics;
    expect(withoutInbox).toEqual([
      {
        code: 'IG709',
        severity: 'error',
        message:
          'prisma/schema.prisma has no InboxMessage (table inbox_messages), and the outbox runtime in src/infrastructure/messaging/outbox/ writes and reads that table (repositories save their events there)',
        location: { file: 'prisma/schema.prisma', line: 1, column: 1 },
        hint: 'run `infragen add outbox` to merge the outbox models back into the schema, then `infragen generate migration add-outbox`',
      },
    ]);
    const renamed = outboxSchema.replace('model OutboxEvent', 'model MyOutbox');
    expect(plan(styles.getterAndClear, outboxInstalled, {}, renamed).result.diagnostics).toEqual([]);
    const unmapped = plan(styles.getterAndClear, outboxInstalled, {}, 'model Invoice {\n  id String @id\n}\n').result.diagnostics;
    expect(unmapped.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining('has no OutboxEvent (table outbox_events) and InboxMessage (table inbox_messages)'),
    ]);
  });

  it('changes nothing for an aggregate that exposes no events', () => {
    const { result, repository, appender } = plan(styles.none, outboxInstalled);
    expect(result.repositories[0]?.events).toBeUndefined();
    expect(appender).toBeUndefined();
    expect(repository).toContain('await this.writeInvoice(this.prisma, invoice);');
    expect(repository).toContain('constructor(prisma: PrismaClient) {\n    this.prisma = prisma;\n  }');
    expect(repository).not.toContain('outboxTables');
  });
});

describe('the repository save without the outbox', () => {
  for (const files of [undefined, [], ['src/infrastructure/messaging/events.ts']]) {
    it(`writes the aggregate alone (${files === undefined ? 'no tree' : files.length === 0 ? 'empty project' : 'messaging without outbox'})`, () => {
      const { result, repository, appender } = plan(styles.getterAndClear, files);
      expect(result.repositories[0]?.events).toBeUndefined();
      expect(appender).toBeUndefined();
      expect(repository).toContain('  async save(invoice: Invoice): Promise<void> {\n    await this.writeInvoice(this.prisma, invoice);\n  }');
      expect(repository).not.toContain('domainEvents');
      expect(repository).not.toContain('outbox');
    });
  }
});
