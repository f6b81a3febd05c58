import { describe, expect, it } from 'vitest';
import { docTags, fieldTags, type RejectedTag } from '../../src/inspect/jsdoc-tags.js';
import { printDefault, printNativeType } from '../../src/inspect/tag-arguments.js';
import { entity, field, inspect } from './support.js';

describe('reading JSDoc tags with a tokenizer', () => {
  it('takes tags only at the start of a tag line, never from prose', () => {
    expect(docTags('/**\n * Shown next to the @id in lists.\n * Unique like an @unique key.\n */')).toEqual([]);
    expect(docTags('/** @id @unique the key */').map((tag) => tag.name)).toEqual(['id', 'unique']);
    expect(docTags('/**\n * The title.\n * @map("t") @db.VarChar(120)\n */')).toEqual([
      { name: 'map', argument: '"t"' },
      { name: 'db.VarChar', argument: '120' },
    ]);
  });

  it('does not end an argument at a parenthesis inside a string, and reports an unclosed one', () => {
    expect(docTags('/** @default("(") */')).toEqual([{ name: 'default', argument: '"("' }]);
    expect(docTags('/** @default(")") @unique */')).toEqual([{ name: 'default', argument: '")"' }, { name: 'unique' }]);
    expect(docTags('/** @default("x */')).toEqual([{ name: 'default', malformed: true }]);
  });
});

describe('tag arguments reach the schema only in canonical form', () => {
  it('prints defaults again: literals escaped, known functions, enum members', () => {
    expect(printDefault(`'it''s'`)).toBeUndefined();
    expect(printDefault(`"say \\"hi\\""`)).toBe(JSON.stringify('say "hi"'));
    expect(printDefault(`'draft'`)).toBe('"draft"');
    expect(printDefault('0')).toBe('0');
    expect(printDefault('-1.5')).toBe('-1.5');
    expect(printDefault('true')).toBe('true');
    expect(printDefault('DRAFT')).toBe('DRAFT');
    expect(printDefault('now()')).toBe('now()');
    expect(printDefault('uuid(7)')).toBe('uuid(7)');
    expect(printDefault(`dbgenerated('gen_random_uuid()')`)).toBe('dbgenerated("gen_random_uuid()")');
  });

  it('refuses anything else, such as an argument that would add a model to the schema', () => {
    for (const raw of ['1) }\nmodel Evil { id Int @id', 'now() } model Evil {', 'evil()', '"a" + "b"', '1 2', '']) expect(printDefault(raw), raw).toBeUndefined();
    expect(printNativeType('VarChar', '255')).toBe('VarChar(255)');
    expect(printNativeType('Decimal', '10,2')).toBe('Decimal(10, 2)');
    expect(printNativeType('VarChar', '1) @unique @default(2')).toBeUndefined();
  });

  it('reports every rejected tag instead of dropping or copying it', () => {
    const rejected: RejectedTag[] = [];
    const tags = fieldTags('/**\n * @default("(") model Evil {}\n * @map(42)\n * @db.VarChar(1) ) model X (\n */', rejected);
    // what follows a tag's closed argument on its line is prose, and stays out of the schema
    expect(tags).toEqual({ default: '"("', db: 'VarChar(1)' });
    expect(rejected.map((entry) => entry.tag)).toEqual(['@map(42)']);
  });

  it('turns a rejected tag into a located IG102 error', () => {
    const { diagnostics, model } = inspect({ 'src/domain/post.ts': 'export class Post {\n  id!: string;\n  /** @default(now() } model Evil {) */\n  title!: string;\n}\n' }, true);
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['IG102', 4]]);
    expect(field(entity(model, 'Post'), 'title').tags).toEqual({});
  });
});
