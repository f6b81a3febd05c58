// Regenerating a projection over a projector the user edited: added handlers formatted as the project formats, a
// second identical run writes nothing, a deleted handler stays deleted, and one whose event left --from is kept.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, createTempProject, generateClientAndTypeCheck, runBin, runCli, snapshotTree, strictTsconfig, type TempProject } from './support.js';

const projector = 'src/infrastructure/projections/ticket-summary.projector.ts';
const projection = 'src/infrastructure/projections/ticket-summary.projection.ts';
const everyEvent = ['TicketOpened', 'TicketRenamed', 'TicketCommented'];
const prettierConfig = { singleQuote: true, tabWidth: 4, printWidth: 100 };

describe('generate projection over a projector the user edited', () => {
  let project: TempProject;
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');
  const write = (file: string, text: string) => writeFileSync(path.join(project.root, file), text);
  const generate = (from: readonly string[], ...flags: string[]) =>
    runCli(['generate', 'projection', 'TicketSummary', '--from', ...from, ...flags], project.root);
  const lineOf = (text: string, start: string) => text.split('\n').findIndex((line) => line.includes(start)) + 1;
  let theirs = '';

  beforeAll(() => {
    assertBuilt();
    project = createTempProject('test/fixtures/domains/tickets', {
      'tsconfig.json': strictTsconfig(['src']),
      '.prettierrc.json': JSON.stringify(prettierConfig),
    });
    for (const args of [
      ['add', 'messaging', '--broker', 'rabbitmq'],
      ['add', 'outbox'],
    ]) {
      const run = runCli(args, project.root);
      expect(run.status, run.stderr).toBe(0);
    }
    const first = generate(['TicketOpened']);
    expect(first.status, first.stderr).toBe(0);
    // What the user makes of the scaffold: a helper of their own, formatted as their prettier config says.
    theirs = read(projector).replace(
      'export const ticketSummaryProjector',
      "/** The user's own helper. */\nexport function label(title: string): string {\n    return `#${title}`;\n}\n\nexport const ticketSummaryProjector",
    );
    write(projector, theirs);
  }, 120_000);
  afterAll(() => project?.remove());

  it('shows the added handlers with --dry-run, then adds them formatted by the project prettier config, the rest of the file kept', () => {
    const before = snapshotTree(project.root);
    const dry = generate(everyEvent, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`+++ b/${projector}`);
    expect(dry.stdout).toContain('+    async onTicketRenamed(event: TicketRenamed, tx: Prisma.TransactionClient): Promise<void> {');
    expect(snapshotTree(project.root)).toEqual(before);

    const run = generate(everyEvent);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('ticketSummaryProjector: onTicketRenamed, onTicketCommented added to your projector; the rest of it kept as it is');
    const added = read(projector);
    const newImport = "import type { TicketCommented, TicketRenamed } from '../../domain/ticket/events.js';\n";
    expect(added).toContain(newImport);
    expect(added.replace(newImport, '').startsWith(theirs.slice(0, theirs.lastIndexOf('\n};')))).toBe(true);
    // Formatted as a person running prettier with the project's config would have it: four spaces, lines within 100.
    expect(added).toContain('    async onTicketCommented(event: TicketCommented, tx: Prisma.TransactionClient): Promise<void> {\n        throw new Error(\n');
    const check = runBin('prettier', ['--check', projector], project.root);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 60_000);

  it('writes nothing on a second identical run', () => {
    const before = snapshotTree(project.root);
    const dry = generate(everyEvent, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    // No diff: only the line the empty diff ends with.
    expect(dry.stdout.trim()).toBe('');
    const again = generate(everyEvent);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to change');
    expect(snapshotTree(project.root)).toEqual(before);
  }, 60_000);

  it('does not write again a handler the user deleted while its event is listed, and says where and what to do', () => {
    const deleted = read(projector).replace(/ {4}\/\*\* Inferred by infragen: TicketRenamed[\s\S]*?\n {4}\},\n/, '');
    expect(deleted).not.toContain('onTicketRenamed');
    write(projector, deleted);
    const before = snapshotTree(project.root);
    const run = generate(everyEvent);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `${projector}:${lineOf(deleted, 'export const ticketSummaryProjector')}:1 warning IG807: ticketSummaryProjector.onTicketRenamed was deleted from the projector, and TicketRenamed is still in --from`,
    );
    expect(run.stderr).toContain('hint: pass --restore-handlers to have infragen write it again, or leave TicketRenamed out of --from');
    expect(snapshotTree(project.root)).toEqual(before);

    const restored = generate(everyEvent, '--restore-handlers');
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stderr).toContain('ticketSummaryProjector: onTicketRenamed written again in your projector; the rest of it kept as it is');
    const text = read(projector);
    expect(text).toContain('    async onTicketRenamed(event: TicketRenamed, tx: Prisma.TransactionClient): Promise<void> {');
    expect(text.match(/import type \{[^}]*\bTicketRenamed\b/g)).toHaveLength(1);
    const { prisma, tsc } = generateClientAndTypeCheck(project.root);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 120_000);

  it('keeps and reports the handler of an event left out of --from, and refuses an unknown event, writing nothing', () => {
    const kept = read(projector);
    const run = generate(['TicketOpened', 'TicketRenamed']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `${projector}:${lineOf(kept, 'async onTicketCommented(')}:5 warning IG808: ticketSummaryProjector.onTicketCommented handles TicketCommented, which is no longer in --from: the projection no longer calls it; kept`,
    );
    expect(read(projector)).toBe(kept);
    expect(read(projection)).not.toContain('TicketCommented');

    const before = snapshotTree(project.root);
    const unknown = generate(['TicketOpened', 'TicketReopened']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('IG804');
    expect(snapshotTree(project.root)).toEqual(before);
  }, 60_000);
});
