import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverDomainFiles } from '../../src/inspect/discover.js';
import { inspectDomain, inspectDomainSources } from '../../src/inspect/inspect.js';

const port = `import type { Invoice } from './invoice.js';
export interface InvoiceRepository {
  save(invoice: Invoice): Promise<void>;
}
`;

/** An aggregate recording events behind `pendingChanges()` and `forgetChanges()` in a base of the domain. */
const sources = {
  'src/domain/shared/aggregate-root.ts': `export abstract class AggregateRoot {
  private changes: object[] = [];
  protected record(event: object): void {
    this.changes.push(event);
  }
  pendingChanges(): object[] {
    return [...this.changes];
  }
  forgetChanges(): void {
    this.changes = [];
  }
  get changeCount(): number {
    return this.changes.length;
  }
}
`,
  'src/domain/invoice/invoice.ts': `import { AggregateRoot } from '../shared/aggregate-root.js';

export class Invoice extends AggregateRoot {
  constructor(
    readonly id: string,
    public total: number,
  ) {
    super();
  }
}
`,
  'src/domain/invoice/invoice-repository.ts': port,
};

const isError = (diagnostic: { severity: string }) => diagnostic.severity === 'error';
const invoiceEvents = (model: { entities: { name: string; events?: unknown }[] }) => model.entities.find((entity) => entity.name === 'Invoice')?.events;

describe("the config's domainEvents names", () => {
  it('a reader the aggregate and its bases lack: a located error naming the config file and the aggregate', () => {
    const { diagnostics } = inspectDomainSources(sources, { read: 'pendingEvents', clear: 'forgetChanges', source: 'infragen.config.json' });
    expect(diagnostics.filter(isError)).toEqual([
      {
        code: 'IG130',
        severity: 'error',
        message:
          'infragen.config.json names domainEvents.read "pendingEvents", and Invoice has no public getter, property or method of that name (nor do its bases)',
        location: { file: 'src/domain/invoice/invoice.ts', line: 3, column: 14 },
        hint: 'name a public getter, property or method of Invoice or of a class it extends in "domainEvents" of infragen.config.json, or remove "domainEvents" to use the conventional names',
      },
    ]);
  });

  it('a clearing name that is no method, and a reader alone that is no method (it must return and clear)', () => {
    const clear = inspectDomainSources(sources, { read: 'pendingChanges', clear: 'changeCount', source: 'infragen.config.ts' });
    expect(clear.diagnostics.filter(isError).map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['IG130', 'infragen.config.ts names domainEvents.clear "changeCount", and Invoice has no public method of that name (nor do its bases)'],
    ]);
    const alone = inspectDomainSources(sources, { read: 'changeCount' });
    expect(alone.diagnostics.filter(isError).map((diagnostic) => diagnostic.message)).toEqual([
      'the infragen configuration names domainEvents.read "changeCount", and Invoice has no public method (read alone returns and clears the events) of that name (nor do its bases)',
    ]);
  });

  it('names found on a base of the domain are used as before', () => {
    const { model, diagnostics } = inspectDomainSources(sources, { read: 'pendingChanges', clear: 'forgetChanges' });
    expect(diagnostics.filter(isError)).toEqual([]);
    expect(invoiceEvents(model)).toEqual({ read: { kind: 'method', name: 'pendingChanges' }, clear: 'forgetChanges' });
  });

  it('names on a library base infragen cannot read are taken on trust, a method when written name()', () => {
    const library = {
      'src/domain/invoice/invoice.ts': `import { EventSourcedAggregate } from 'unresolved-es-kit';

export class Invoice extends EventSourcedAggregate {
  constructor(
    readonly id: string,
    public total: number,
  ) {
    super();
  }
}
`,
      'src/domain/invoice/invoice-repository.ts': port,
    };
    const { model, diagnostics } = inspectDomainSources(library, { read: 'getUncommitted()', clear: 'markCommitted' });
    expect(diagnostics.filter(isError)).toEqual([]);
    expect(invoiceEvents(model)).toEqual({ read: { kind: 'method', name: 'getUncommitted' }, clear: 'markCommitted' });
    expect(invoiceEvents(inspectDomainSources(library, { read: 'uncommitted', clear: 'markCommitted' }).model)).toEqual({
      read: { kind: 'property', name: 'uncommitted' },
      clear: 'markCommitted',
    });
  });

  describe('on a base declared in a package in node_modules', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'infragen-domain-events-'));
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ type: 'module' }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
        'node_modules/@acme/es-kit/package.json': JSON.stringify({ name: '@acme/es-kit', exports: { '.': { types: './index.d.ts', default: './index.js' } } }),
        'node_modules/@acme/es-kit/index.d.ts': `export declare abstract class EventSourcedAggregate {
    private readonly uncommitted;
    get uncommittedChanges(): readonly object[];
    markChangesAsCommitted(): void;
}
`,
        'src/domain/invoice/invoice.ts': library('@acme/es-kit'),
        'src/domain/invoice/invoice-repository.ts': port,
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function library(from: string): string {
      return `import { EventSourcedAggregate } from '${from}';

export class Invoice extends EventSourcedAggregate {
  constructor(
    readonly id: string,
    public total: number,
  ) {
    super();
  }
}
`;
    }

    it('reads the inherited members, and refuses one the package does not declare', async () => {
      const files = await discoverDomainFiles(root, ['src/**/domain/**/*.ts']);
      const read = inspectDomain({ root, files, eventNames: { read: 'uncommittedChanges', clear: 'markChangesAsCommitted' } });
      expect(read.diagnostics.filter(isError)).toEqual([]);
      expect(invoiceEvents(read.model)).toEqual({ read: { kind: 'property', name: 'uncommittedChanges' }, clear: 'markChangesAsCommitted' });
      const wrong = inspectDomain({ root, files, eventNames: { read: 'uncommittedChanges', clear: 'commit', source: 'package.json' } });
      expect(wrong.diagnostics.filter(isError).map((diagnostic) => diagnostic.code)).toEqual(['IG130']);
    });
  });
});
