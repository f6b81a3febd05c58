// Enum values that are not identifiers ('in-progress') are stored under another Prisma member name: the mapper and
// the derived queries convert between the two, checked, instead of handing the domain's value to Prisma.
import { describe, expect, it } from 'vitest';
import { templateData } from '../../support/planned-files.js';
import { defaultOptions } from '../../../src/config/options.js';
import { planRepositories } from '../../../src/generators/repos/index.js';
import { inspectDomainSources } from '../../../src/inspect/index.js';
import { planPersistence } from '../../../src/model/persistence/index.js';
import type { ProjectContext } from '../../../src/project/context.js';

const sources = {
  'src/domain/task.ts': `export enum Priority {
  Low = 'low',
  Urgent = 'urgent!',
}
export type Stage = 'todo' | 'in-progress';
export class Task {
  constructor(
    readonly id: string,
    readonly stage: Stage,
    readonly priority: Priority,
    readonly history: Stage[],
    readonly previous?: Stage,
  ) {}
}
export interface TaskRepository {
  save(task: Task): Promise<void>;
  findById(id: string): Promise<Task | null>;
  findAllByStage(stage: Stage): Promise<Task[]>;
}
`,
};

function plan() {
  const { model, diagnostics } = inspectDomainSources(sources);
  expect(diagnostics).toEqual([]);
  const options = defaultOptions();
  const planned = planPersistence(model, options);
  expect(planned.diagnostics).toEqual([]);
  const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
  const result = planRepositories({ domain: model, persistence: planned.persistence, context, entities: ['Task'] });
  const file = (suffix: string) => result.files.find((candidate) => candidate.path.endsWith(suffix));
  const mapper = templateData(file('task.mapper.ts')) as { imports: string[]; entities: { toDomainExpression: string; recordEntries: string[] }[] };
  return { result, planned, file, mapper: mapper.entities[0]!, imports: mapper.imports };
}

describe('enum values that are not identifiers', () => {
  it('are stored under Prisma member names, and the mapper converts both ways through enumMember', () => {
    const { planned, mapper, imports, file } = plan();
    expect(planned.persistence.enums.find((stored) => stored.name === 'Stage')?.members.map((member) => [member.name, member.value])).toEqual([
      ['todo', 'todo'],
      [expect.not.stringContaining('-'), 'in-progress'],
    ]);
    const inProgress = planned.persistence.enums.find((stored) => stored.name === 'Stage')!.members[1]!.name;
    expect(mapper.recordEntries).toContain(`stage: enumMember({ 'todo': 'todo', 'in-progress': '${inProgress}' } as const, task.stage, 'Stage')`);
    expect(mapper.recordEntries).toContain(
      `history: task.history.map((item) => enumMember({ 'todo': 'todo', 'in-progress': '${inProgress}' } as const, item, 'Stage'))`,
    );
    expect(mapper.recordEntries).toContain(
      `previous: task.previous == null ? null : enumMember({ 'todo': 'todo', 'in-progress': '${inProgress}' } as const, task.previous, 'Stage')`,
    );
    expect(mapper.recordEntries).toContain(`priority: enumMember({ 'low': 'low', 'urgent!': 'Urgent' } as const, task.priority, 'Priority')`);
    expect(mapper.toDomainExpression).toContain(`enumMember({ 'todo': 'todo', '${inProgress}': 'in-progress' } as const, row.stage, 'Stage')`);
    expect(mapper.toDomainExpression).toContain(`enumMember({ 'low': 'low', 'Urgent': 'urgent!' } as const, row.priority, 'Priority') as Priority`);
    expect(imports.join('\n')).toContain("import { enumMember } from './enum-member.js';");
    expect(file('enum-member.ts')).toBeDefined();
  });

  it('are converted when a derived finder takes the domain enum', () => {
    const repository = templateData(plan().file('prisma-task.repository.ts')) as { methods: { name: string; body?: string }[] };
    expect(JSON.stringify(repository)).toContain("enumMember({ 'todo': 'todo', 'in-progress': 'in_progress' } as const, stage, 'Stage')");
  });
});

describe('readonly arrays', () => {
  it('are copied into the record, since Prisma takes mutable arrays', () => {
    const { model } = inspectDomainSources({
      'src/domain/note.ts':
        'export class Note {\n  constructor(readonly id: string, readonly tags: readonly string[], readonly labels?: ReadonlyArray<string>, readonly words: string[] = []) {}\n}\n',
    });
    const options = defaultOptions();
    const planned = planPersistence(model, options);
    const context: ProjectContext = { root: '/p', options, moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
    const result = planRepositories({ domain: model, persistence: planned.persistence, context, entities: ['Note'] });
    const mapper = templateData(result.files.find((file) => file.path.endsWith('note.mapper.ts'))) as { entities: { recordEntries: string[] }[] };
    expect(mapper.entities[0]!.recordEntries).toEqual(
      expect.arrayContaining(['tags: [...note.tags]', 'labels: (note.labels && [...note.labels])', 'words: note.words']),
    );
  });
});
