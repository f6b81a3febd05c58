import { describe, expect, it } from 'vitest';
import { entity, field, inspect } from './support.js';

describe('JSDoc tags', () => {
  it('reads every field tag, on fields, getters, parameters and props members', () => {
    const { model } = inspect({
      'src/domain/post.ts': `/**
 * A post.
 * @table("blog_posts")
 */
export class Post {
  /** @id @default(uuid()) */
  id!: string;
  /**
   * The title.
   * @unique @db.VarChar(255) @map("post_title")
   */
  title!: string;
  /** @index @default("draft") */
  status!: string;
  /** @float @default(0) */
  score!: number;
  /** @decimal @map('price_eur') @db.Decimal(10, 2) */
  price!: number;
  /** @json */
  extra!: Record<string, unknown>;
  /** @ignore */
  cache?: Map<string, string>;
  /** @identity is not the id tag */
  slug!: string;
}
`,
      'src/domain/author.ts': `export class Author {
  private _id: string;
  private constructor(id: string, /** @unique */ readonly handle: string) { this._id = id; }
  /** @default(now()) */
  get id(): string { return this._id; }
}
`,
    });
    const post = entity(model, 'Post');
    expect(post.table).toBe('blog_posts');
    expect(post.fields.map((f) => [f.name, f.tags])).toEqual([
      ['id', { id: true, default: 'uuid()' }],
      ['title', { unique: true, map: 'post_title', db: 'VarChar(255)' }],
      ['status', { index: true, default: '"draft"' }],
      ['score', { float: true, default: '0' }],
      ['price', { decimal: true, map: 'price_eur', db: 'Decimal(10, 2)' }],
      ['extra', { json: true }],
      ['cache', { ignore: true }],
      ['slug', {}],
    ]);
    const author = entity(model, 'Author');
    expect(field(author, 'handle').tags).toEqual({ unique: true });
    expect(field(author, 'id').tags).toEqual({ default: 'now()' });
  });

  it('makes a class tagged @table or @entity an entity even without an id', () => {
    const { model } = inspect({
      'src/domain/log.ts': '/** @table("audit_log") */\nexport class AuditLog {\n  message!: string;\n}\n/** @entity */\nexport interface Setting { key: string; value: string }\n',
    });
    expect(model.entities.map((e) => [e.name, e.table])).toEqual([
      ['AuditLog', 'audit_log'],
      ['Setting', undefined],
    ]);
  });

  it('makes an @id-tagged member an identity even when it is not called id', () => {
    const { model } = inspect({ 'src/domain/country.ts': 'export class Country {\n  /** @id */\n  code!: string;\n  name!: string;\n}\n' });
    expect(field(entity(model, 'Country'), 'code').tags).toEqual({ id: true });
  });
});
