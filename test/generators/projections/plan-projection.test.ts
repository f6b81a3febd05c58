import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planProjection, planRebuildScript, type ProjectionRequest } from '../../../src/generators/projections/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { inspectReadModelSources } from '../../../src/inspect/read-models.js';
import { createRenderer, renderAll } from '../../../src/render/index.js';
import { hasHandler } from '../../../src/generators/projections/projector-additions.js';
import { MemoryTree } from '../../../src/workspace/index.js';
import { projectContext } from '../../messaging/support/generate-project.js';
import { repoRoot } from '../../e2e/support.js';

const fixture = path.join(repoRoot, 'test/fixtures/domains/tickets');

function sources(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(fixture, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(path.join(fixture, folder));
  return files;
}

const messaging = 'src/infrastructure/messaging';
const installed = { [`${messaging}/outbox/relay.ts`]: '', 'prisma/schema.prisma': 'model Other {\n  id String @id\n}\n' };

function request(overrides: Partial<ProjectionRequest> = {}, readModelFiles = sources('src/application/read-models')): ProjectionRequest {
  const domain = sources('src/domain');
  const { model } = inspectDomainSources(domain);
  const { readModel } = inspectReadModelSources({ ...domain, ...readModelFiles }, 'TicketSummary');
  return {
    name: 'TicketSummary',
    readModel,
    readModelFolder: 'src/application/read-models',
    from: ['TicketOpened', 'TicketRenamed', 'TicketCommented'],
    model,
    context: projectContext(),
    tree: new MemoryTree(installed),
    ...overrides,
  };
}

describe('planRebuildScript', () => {
  it('adds the rebuild script to package.json, and leaves a script of that name alone', () => {
    const added = planRebuildScript(new MemoryTree({ 'package.json': '{\n  "name": "p"\n}\n' }), projectContext(), 'TicketSummary');
    expect(JSON.parse((added.files[0] as { content: string }).content).scripts).toEqual({
      'projection:rebuild:ticket-summary': 'node --import jiti/register src/infrastructure/projections/rebuild-ticket-summary.ts',
    });
    const mine = '{ "scripts": { "projection:rebuild:ticket-summary": "mine" } }';
    expect(planRebuildScript(new MemoryTree({ 'package.json': mine }), projectContext(), 'TicketSummary').files).toEqual([]);
  });
});

describe('planProjection', () => {
  it('plans the schema, the projector (scaffold), the projection and queries (owned) and the runtime', () => {
    const result = planProjection(request());
    expect(result.files.map((file) => [file.path, file.policy])).toEqual([
      ['prisma/schema.prisma', 'merged'],
      ['src/infrastructure/projections/ticket-summary.projector.ts', 'scaffold'],
      ['src/infrastructure/projections/ticket-summary.projection.ts', 'owned'],
      ['src/infrastructure/projections/ticket-summary.queries.ts', 'owned'],
      ['src/infrastructure/projections/rebuild-ticket-summary.ts', 'owned'],
      [`${messaging}/projections/projection.ts`, 'owned'],
    ]);
    const schema = 'content' in result.files[0]! ? result.files[0].content : '';
    expect(schema).toContain('model Other {');
    expect(schema).toMatch(/model TicketSummary \{\n\s+ticketId\s+String\s+@id @map\("ticket_id"\)/);
    expect(schema).toMatch(/commentCount\s+Int\s+@default\(0\) @map\("comment_count"\)/);
    expect(schema).toMatch(/lastComment\s+String\?/);
    expect(schema).toContain('@@index([title])');
    expect(schema).toContain('@@map("ticket_summaries")');
    expect(schema).toContain('model ProjectionCheckpoint {');
  });

  it('infers an upsert, an update, and leaves the rest as a place to fill reported as IG805', () => {
    const result = planProjection(request());
    const projector = result.files[1]!;
    const handlers = 'data' in projector ? (projector.data as { handlers: { method: string; body: string[] }[] }).handlers : [];
    expect(handlers.map((handler) => [handler.method, handler.body.join('\n')])).toEqual([
      [
        'onTicketOpened',
        'await tx.ticketSummary.upsert({ where: { ticketId: event.ticketId }, create: { ticketId: event.ticketId, title: event.title, status: event.status, assignee: event.assignee ?? null }, update: { title: event.title, status: event.status, assignee: event.assignee ?? null } });',
      ],
      ['onTicketRenamed', 'await tx.ticketSummary.updateMany({ where: { ticketId: event.ticketId }, data: { title: event.title } });'],
      ['onTicketCommented', expect.stringMatching(/^throw new Error\('TicketSummary projection: the handler of TicketCommented is not written yet/)],
    ]);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.location?.file])).toEqual([
      ['IG805', 'warning', 'src/domain/ticket/events.ts'],
    ]);
  });

  it('renders files whose every name comes from the plan', () => {
    const rendered = renderAll(createRenderer({ projectRoot: process.cwd() }), planProjection(request()).files);
    const text = (suffix: string) => rendered.find((file) => file.path.endsWith(suffix))!.content;
    expect(text('.projector.ts')).toContain("import type { TicketCommented, TicketOpened, TicketRenamed } from '../../domain/ticket/events.js';");
    expect(text('.projector.ts')).toContain('async onTicketCommented(event: TicketCommented, tx: Prisma.TransactionClient): Promise<void> {');
    expect(text('.projection.ts')).toContain('handlerFor(domainEvents, TicketRenamed, ticketSummaryProjector.onTicketRenamed),');
    expect(text('.projection.ts')).toContain("group: 'ticket-summary',");
    expect(text('.projection.ts')).toContain('export function rebuildTicketSummary(database: PrismaClient');
    expect(text('.queries.ts')).toContain(
      "export type TicketSummaryFilter = Partial<Pick<TicketSummary, 'title' | 'status' | 'commentCount' | 'lastComment' | 'assignee'>>;",
    );
    expect(text('.queries.ts')).toContain("status: row.status as TicketSummary['status'],");
    expect(text('.queries.ts')).toContain('...(row.lastComment !== null && { lastComment: row.lastComment }),');
    expect(text('rebuild-ticket-summary.ts')).toContain("import { rebuildTicketSummary } from './ticket-summary.projection.js';");
    expect(text('rebuild-ticket-summary.ts')).toContain('await rebuildTicketSummary(database);');
    expect(text('.queries.ts')).toContain('async findByTicketId(ticketId: string): Promise<TicketSummary | undefined> {');
  });

  it("adds the handlers of new --from events to the user's projector, keeping every byte of theirs; lists only handlers still to fill", async () => {
    const renderer = createRenderer({ projectRoot: process.cwd() });
    const projectorPath = 'src/infrastructure/projections/ticket-summary.projector.ts';
    const first = renderAll(renderer, planProjection(request({ from: ['TicketOpened'] })).files).find((file) => file.path === projectorPath)!.content;
    // What the user made of the first scaffold: a helper with braces in strings, comments and a template literal.
    const theirs = first
      .replace(
        /(async onTicketOpened[^{]*\{\n)[\s\S]*?\n {2}\},\n/,
        '$1    await tx.ticketSummary.create({ data: { ticketId: event.ticketId, title: `{${event.title}}`, status: event.status } });\n  }\n',
      )
      .replace('export const', "// A '}' in a comment, and one in /* } */ a block.\nconst brace = '}';\nexport const")
      .concat('\nexport const after = { brace: "{" };\n');
    const tree = new MemoryTree({ ...installed, [projectorPath]: theirs });
    const result = planProjection(request({ tree }));
    const planned = result.files.find((file) => file.path === projectorPath)!;
    expect(planned.policy).toBe('merged');
    const text = renderAll(renderer, [planned])[0]!.content;
    // Only what lies between the user's head and tail is formatted.
    expect(text.startsWith(planned.formatBetween!.head) && text.endsWith(planned.formatBetween!.tail)).toBe(true);
    expect(planned.formatBetween!.tail).toBe(theirs.slice(theirs.indexOf('\n};') + 1));
    expect(planned.handlers).toEqual(['TicketOpened', 'TicketRenamed', 'TicketCommented']);
    // Their text, with an import after theirs, a comma after their last handler, and the new handlers before the close.
    const close = theirs.indexOf('\n};');
    const afterImports = theirs.indexOf('\n', theirs.indexOf('import type { Prisma }')) + 1;
    const imported = "import type { TicketCommented, TicketRenamed } from '../../domain/ticket/events.js';\n";
    expect(text.startsWith(theirs.slice(0, afterImports) + imported + theirs.slice(afterImports, close) + ',\n  /** Inferred by infragen: TicketRenamed')).toBe(
      true,
    );
    expect(text.endsWith('  },\n' + theirs.slice(close + 1))).toBe(true);
    expect(text).toContain('async onTicketCommented(event: TicketCommented, tx: Prisma.TransactionClient): Promise<void> {');
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
    expect(result.notes.map((note) => note.text)).toContain(
      'ticketSummaryProjector: onTicketRenamed, onTicketCommented added to your projector; the rest of it kept as it is',
    );

    // Run again: nothing to add, the file is the user's (kept); its TODO handler is still listed until written.
    const again = planProjection(request({ tree: new MemoryTree({ ...installed, [projectorPath]: text }) }));
    expect(again.files.find((file) => file.path === projectorPath)!.policy).toBe('scaffold');
    expect(again.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
    const written = text.replace(
      /throw new Error\([^;]*\);/,
      'await tx.ticketSummary.updateMany({ where: { ticketId: event.ticketId }, data: { lastComment: event.body } });',
    );
    expect(planProjection(request({ tree: new MemoryTree({ ...installed, [projectorPath]: written }) })).diagnostics).toEqual([]);
  });

  describe('with the handlers the manifest records as written', () => {
    const projectorPath = 'src/infrastructure/projections/ticket-summary.projector.ts';
    const renderer = createRenderer({ projectRoot: process.cwd() });
    const scaffolded = () => renderAll(renderer, planProjection(request()).files).find((file) => file.path === projectorPath)!.content;
    // A tree whose manifest records `recorded` as the events infragen wrote handlers for.
    const treeWith = (projector: string, recorded: readonly string[] | undefined) =>
      Object.assign(new MemoryTree({ ...installed, [projectorPath]: projector }), { recordedHandlers: () => recorded });
    const withoutRenamed = () => scaffolded().replace(/ {2}\/\*\* Inferred by infragen: TicketRenamed[\s\S]*?\n {2}\},\n/, '');

    it('writes nothing for a handler the user deleted whose event is still listed, and says where and what to do', () => {
      const theirs = withoutRenamed();
      expect(theirs).not.toContain('onTicketRenamed');
      const result = planProjection(request({ tree: treeWith(theirs, ['TicketOpened', 'TicketRenamed', 'TicketCommented']) }));
      const planned = result.files.find((file) => file.path === projectorPath)!;
      expect(planned.policy).toBe('scaffold');
      expect(planned.handlers).toEqual(['TicketOpened', 'TicketRenamed', 'TicketCommented']);
      const deleted = result.diagnostics.find((diagnostic) => diagnostic.code === 'IG807')!;
      const line = theirs.split('\n').findIndex((text) => text.startsWith('export const ticketSummaryProjector')) + 1;
      expect(deleted).toMatchObject({ severity: 'warning', location: { file: projectorPath, line, column: 1 } });
      expect(deleted.message).toContain('ticketSummaryProjector.onTicketRenamed was deleted from the projector, and TicketRenamed is still in --from');
      expect(deleted.hint).toBe('pass --restore-handlers to have infragen write it again, or leave TicketRenamed out of --from');
    });

    it('takes a handler commented out for deleted', () => {
      const theirs = scaffolded().replace(/( {2}async onTicketRenamed[\s\S]*?\n {2}\},\n)/, (handler: string) => handler.replace(/^/gm, '// '));
      expect(theirs).toContain('//   async onTicketRenamed(');
      const result = planProjection(request({ tree: treeWith(theirs, ['TicketOpened', 'TicketRenamed', 'TicketCommented']) }));
      expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG807', 'IG805']);
      expect(hasHandler(theirs, 'onTicketRenamed', 'ticketSummaryProjector')).toBe(false);
      expect(hasHandler(theirs, 'onTicketOpened', 'ticketSummaryProjector')).toBe(true);
    });

    it('writes it again with --restore-handlers, and adds the handlers of events newly listed', () => {
      const theirs = withoutRenamed();
      const restored = planProjection(request({ tree: treeWith(theirs, ['TicketOpened', 'TicketRenamed', 'TicketCommented']), restoreHandlers: true }));
      expect(restored.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
      expect(restored.notes.map((note) => note.text)).toContain(
        'ticketSummaryProjector: onTicketRenamed written again in your projector; the rest of it kept as it is',
      );
      const text = renderAll(renderer, [restored.files.find((file) => file.path === projectorPath)!])[0]!.content;
      expect(text).toContain('async onTicketRenamed(event: TicketRenamed, tx: Prisma.TransactionClient): Promise<void> {');
      // Its event class is imported already (the user kept the import): not imported twice.
      expect(text.match(/TicketRenamed[,\s}][^\n]*from/g)).toHaveLength(1);

      const added = planProjection(request({ tree: treeWith(theirs, ['TicketOpened', 'TicketCommented']) }));
      expect(added.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
      expect(added.notes.map((note) => note.text)).toContain('ticketSummaryProjector: onTicketRenamed added to your projector; the rest of it kept as it is');
    });

    it('keeps and reports the handler of an event no longer listed, and forgets it once the user deletes it', () => {
      const theirs = scaffolded();
      const result = planProjection(
        request({ from: ['TicketOpened', 'TicketCommented'], tree: treeWith(theirs, ['TicketOpened', 'TicketRenamed', 'TicketCommented']) }),
      );
      const planned = result.files.find((file) => file.path === projectorPath)!;
      expect(planned.policy).toBe('scaffold');
      expect(planned.handlers).toEqual(['TicketOpened', 'TicketCommented', 'TicketRenamed']);
      const unlisted = result.diagnostics.find((diagnostic) => diagnostic.code === 'IG808')!;
      const offset = theirs.indexOf('async onTicketRenamed(');
      const line = theirs.slice(0, offset).split('\n').length;
      expect(unlisted).toMatchObject({ severity: 'warning', location: { file: projectorPath, line, column: 3 } });
      expect(unlisted.message).toBe(
        'ticketSummaryProjector.onTicketRenamed handles TicketRenamed, which is no longer in --from: the projection no longer calls it; kept',
      );

      const gone = planProjection(
        request({ from: ['TicketOpened', 'TicketCommented'], tree: treeWith(withoutRenamed(), ['TicketOpened', 'TicketRenamed', 'TicketCommented']) }),
      );
      expect(gone.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
      expect(gone.files.find((file) => file.path === projectorPath)!.handlers).toEqual(['TicketOpened', 'TicketCommented']);
    });

    it('adds the missing handlers of a projector written before handlers were recorded', () => {
      const result = planProjection(request({ tree: treeWith(withoutRenamed(), undefined) }));
      expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['IG805']);
      expect(result.files.find((file) => file.path === projectorPath)!.policy).toBe('merged');
    });
  });

  it('leaves a projector it cannot find its object in alone, and says which handlers to write', () => {
    const projectorPath = 'src/infrastructure/projections/ticket-summary.projector.ts';
    const tree = new MemoryTree({ ...installed, [projectorPath]: 'export function onTicketOpened() {}\n' });
    const result = planProjection(request({ tree }));
    expect(result.files.find((file) => file.path === projectorPath)!.policy).toBe('scaffold');
    expect(result.notes.map((note) => note.text)).toContain(
      `${projectorPath} has no \`export const ticketSummaryProjector = {…}\` infragen can add to: write onTicketRenamed, onTicketCommented in it yourself (tsc points at them)`,
    );
  });

  it('reads an identity or single-value value object of the event through its value', () => {
    const domain = {
      'src/domain/ticket.ts': [
        'export interface DomainEvent { readonly occurredAt: Date }',
        'export class TicketId { constructor(readonly value: string) {} }',
        'export class Ticket { constructor(readonly id: TicketId, public title: string) {} }',
        'export interface TicketRepository { findById(id: TicketId): Promise<Ticket | undefined>; }',
        'export class TicketOpened implements DomainEvent { constructor(readonly ticketId: TicketId, readonly title: string, readonly occurredAt: Date) {} }',
        'export class TicketAssigned implements DomainEvent { constructor(readonly ticketId: TicketId, readonly assignee: TicketId | undefined, readonly occurredAt: Date) {} }',
      ].join('\n'),
    };
    const { model } = inspectDomainSources(domain);
    const readModelFile = {
      'src/application/read-models/ticket-summary.ts': 'export interface TicketSummary { ticketId: string; title: string; assignee?: string }',
    };
    const { readModel } = inspectReadModelSources({ ...domain, ...readModelFile }, 'TicketSummary');
    const result = planProjection(request({ model, readModel, from: ['TicketOpened', 'TicketAssigned'] }));
    const projector = result.files[1]!;
    const bodies = 'data' in projector ? (projector.data as { handlers: { body: string[] }[] }).handlers.map((handler) => handler.body.join('')) : [];
    expect(bodies).toEqual([
      'await tx.ticketSummary.upsert({ where: { ticketId: event.ticketId.value }, create: { ticketId: event.ticketId.value, title: event.title }, update: { title: event.title } });',
      'await tx.ticketSummary.updateMany({ where: { ticketId: event.ticketId.value }, data: { assignee: event.assignee?.value ?? null } });',
    ]);
  });

  it('refuses before add outbox, without a read model, with unknown events, without a key, or with unstorable fields', () => {
    const codes = (overrides: Partial<ProjectionRequest>, files?: Record<string, string>) =>
      planProjection(request(overrides, files)).diagnostics.map((d) => d.code);
    expect(codes({ tree: new MemoryTree({}) })).toEqual(['IG806']);
    expect(codes({ readModel: undefined })).toEqual(['IG801']);
    expect(codes({ from: ['TicketOpened', 'TicketDeleted'] })).toEqual(['IG804']);
    const keyless = { 'src/application/read-models/ticket-summary.ts': 'export interface TicketSummary { title: string; ownerId: string; }' };
    expect(codes({}, keyless)).toEqual(['IG802']);
    const nested = { 'src/application/read-models/ticket-summary.ts': 'export interface TicketSummary { ticketId: string; tags: string[]; }' };
    expect(codes({}, nested)).toEqual(['IG803']);
    const tagged = { 'src/application/read-models/ticket-summary.ts': 'export interface TicketSummary { /** @id */ code: string; ticketId: string }' };
    expect(planProjection(request({}, tagged)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
