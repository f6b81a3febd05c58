import { describe, expect, it } from 'vitest';
import { inspectDomainSources } from '../../src/inspect/index.js';

const shapes = `export abstract class Shape {
  constructor(public id: string, public name: string) {}
}
export class Circle extends Shape {
  constructor(id: string, name: string, public radius: number) { super(id, name); }
}
export class Square extends Shape {
  constructor(id: string, name: string, public side: number) { super(id, name); }
}
`;

const warnings = (files: Record<string, string>, code: string) => inspectDomainSources(files).diagnostics.filter((diagnostic) => diagnostic.code === code);

describe('shapes infragen does not store are reported, not dropped', () => {
  it('an abstract class with an id: a warning at the class naming the subclasses stored in its place', () => {
    const { model, diagnostics } = inspectDomainSources({ 'src/domain/shape.ts': shapes });
    expect(model.entities.map((entity) => entity.name)).toEqual(['Circle', 'Square']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'IG105', severity: 'warning', location: { file: 'src/domain/shape.ts', line: 1, column: 23, exportName: 'Shape' } }),
    ]);
    expect(diagnostics[0]!.message).toMatch(/Shape is abstract.*its subclasses Circle, Square are each stored/);
  });

  it('a generic class with an id: a warning at the class with the concrete subclass to declare; a subclass binding it is stored', () => {
    const box = 'export class Box<T> {\n  constructor(public id: string, public content: T) {}\n}\n';
    const [warning] = warnings({ 'src/domain/box.ts': box }, 'IG105');
    expect(warning).toMatchObject({ severity: 'warning', location: { file: 'src/domain/box.ts', line: 1, column: 14 } });
    expect(warning!.message).toMatch(/Box is generic.*no stored subclass/);
    expect(warning!.hint).toContain('extends Box<string>');
    const bound = inspectDomainSources({ 'src/domain/box.ts': `${box}export class Note extends Box<string> {}\n` });
    expect(bound.model.entities.find((entity) => entity.name === 'Note')?.fields.map((field) => field.name)).toEqual(['id', 'content']);
  });

  it('an index signature on an entity class, interface or object type: a warning at the signature', () => {
    const bag = 'export class Bag {\n  [key: string]: unknown;\n  constructor(public id: string, public name: string) {}\n}\n';
    expect(warnings({ 'src/domain/bag.ts': bag }, 'IG106')).toEqual([
      expect.objectContaining({ severity: 'warning', location: { file: 'src/domain/bag.ts', line: 2, column: 3 } }),
    ]);
    const sack = 'export interface Sack {\n  id: string;\n  [key: string]: string;\n}\n';
    expect(warnings({ 'src/domain/sack.ts': sack }, 'IG106')[0]?.location).toMatchObject({ file: 'src/domain/sack.ts', line: 3 });
    const pouch = 'export type Pouch = {\n  id: string;\n  [key: string]: string;\n};\n';
    expect(warnings({ 'src/domain/pouch.ts': pouch }, 'IG106')[0]?.message).toMatch(/Pouch has an index signature \(\[key: string\]: string\)/);
  });

  it('entity and aggregate bases of a DDD codebase are not reported', () => {
    const base = `export abstract class AggregateRoot<Id> {\n  constructor(public readonly id: Id) {}\n}\nexport class Order extends AggregateRoot<string> {\n  constructor(id: string, public total: number) { super(id); }\n}\n`;
    expect(inspectDomainSources({ 'src/domain/order.ts': base }).diagnostics).toEqual([]);
  });
});
