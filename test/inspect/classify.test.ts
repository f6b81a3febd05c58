import { describe, expect, it } from 'vitest';
import { inspect } from './support.js';

describe('classification', () => {
  it('keeps base classes, props types, implemented interfaces and ports out of the entities', () => {
    const { model, diagnostics } = inspect({
      'src/domain/shared.ts': `export abstract class Entity<P> { protected constructor(protected props: P, readonly id: string) {} }
export class GenericBox<T> { constructor(readonly id: string, readonly item: T) {} }
export interface Identified { id: string }
export interface UserProps { id: string; name: string }
export type TeamState = { id: string; title: string };
`,
      'src/domain/user.ts': `import { Entity, type Identified, type UserProps } from './shared.js';
export class User extends Entity<UserProps> implements Identified {}
export interface UserRepository { findById(id: string): Promise<User | null> }
`,
      'src/domain/team.ts': "import type { TeamState } from './shared.js';\nexport class Team {\n  private constructor(private readonly props: TeamState) {}\n  static create(props: TeamState): Team { return new Team(props); }\n  get id(): string { return this.props.id; }\n}\n",
    }, true);
    // A generic class with an id is no entity, and is said to be none (the entity base is not).
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message.split(',')[0]])).toEqual([['IG105', 'GenericBox is generic']]);
    expect(model.entities.map((e) => [e.name, e.style, e.fields.map((f) => f.name).join(',')])).toEqual([
      ['Team', 'props-base', 'id,title'],
      ['User', 'props-base', 'id,name'],
    ]);
  });

  it('makes value objects of classes extending a value-object-like base or used as field types, not of services', () => {
    const { model, diagnostics } = inspect(
      {
        'src/domain/vo.ts': `export abstract class ValueObject<P> { protected constructor(protected readonly props: P) {} }
export class Color extends ValueObject<{ hex: string }> {}
export class Point { constructor(readonly x: number, readonly y: number) {} }
export class Unused { constructor(readonly x: number) {} }
export class Clock { now(): Date { return new Date(); } }
export abstract class Shape { abstract area(): number }
`,
        'src/domain/canvas.ts': `import { Clock, Color, Point, Shape } from './vo.js';
export class Canvas {
  constructor(readonly id: string, readonly color: Color, readonly origin: Point, readonly clock: Clock, readonly shape: Shape) {}
}
`,
      },
      true,
    );
    expect(model.valueObjects.map((v) => v.name)).toEqual(['Color', 'Point']);
    expect(diagnostics.map((d) => d.message)).toEqual(['cannot map Canvas.clock of type Clock', 'cannot map Canvas.shape of type Shape']);
  });

  it('treats a class with an id held by another entity as an entity, and a @table class without id as an entity', () => {
    const { model } = inspect({
      'src/domain/a.ts': '/** @table("things") */\nexport class Thing { name!: string }\nexport class Owner { constructor(readonly id: string, readonly things: Thing[]) {} }\n',
    });
    expect(model.entities.map((e) => [e.name, e.table, e.fields.map((f) => `${f.name}:${f.type.kind}`).join(',')])).toEqual([
      ['Owner', undefined, 'id:primitive,things:entity'],
      ['Thing', 'things', 'name:primitive'],
    ]);
  });
});
