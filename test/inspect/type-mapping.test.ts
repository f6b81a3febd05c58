import { describe, expect, it } from 'vitest';
import { entity, field, fieldSummary, inspect } from './support.js';

const file = 'src/domain/thing.ts';

describe('field type mapping', () => {
  it('maps primitives, json, lists and optionality', () => {
    const { model } = inspect({
      [file]: `export class Thing {
  id!: string;
  count!: number;
  active!: boolean;
  big!: bigint;
  at!: Date;
  meta!: Record<string, number>;
  raw!: unknown;
  obj!: object;
  shape!: { a: number };
  names!: string[];
  scores!: Array<number>;
  frozen!: readonly string[];
  days!: ReadonlyArray<Date>;
  maybe?: string;
  nothing!: number | null;
  either!: Date | undefined;
  flag!: true | false;
  label = 'x';
  created = new Date();
}
`,
    });
    expect(fieldSummary(entity(model, 'Thing').fields)).toEqual([
      'id: string',
      'count: number',
      'active: boolean',
      'big: bigint',
      'at: Date',
      'meta: json',
      'raw: json',
      'obj: json',
      'shape: json',
      'names: string[]',
      'scores: number[]',
      'frozen: string[]',
      'days: Date[]',
      'maybe: string?',
      'nothing: number? null',
      'either: Date?',
      'flag: boolean',
      'label: string',
      'created: Date',
    ]);
    expect(field(entity(model, 'Thing'), 'frozen').declaredType.text).toBe('readonly string[]');
  });

  it('maps TS enums, named literal unions and inline unions to enums', () => {
    const { model } = inspect({
      'src/domain/status.ts': "export enum Status { Open = 'open', InProgress = 'in-progress' }\nexport enum Level { Low, High = 5, Top }\nexport type Size = 'S' | 'M' | 'x-large' | '2xl';\n",
      [file]: `import { Level, Status } from './status.js';
import type { Size } from './status.js';
export interface Thing {
  id: string;
  status: Status;
  level: Level;
  sizes: Size[];
  channel: 'email' | 'sms' | null;
}
`,
    });
    expect(fieldSummary(entity(model, 'Thing').fields)).toEqual([
      'id: string',
      'status: enum Status',
      'level: enum Level',
      'sizes: enum Size[]',
      'channel: enum ThingChannel? null',
    ]);
    expect(model.enums.map((e) => e.name)).toEqual(['Level', 'Size', 'Status', 'ThingChannel']);
    const [level, size, status, channel] = model.enums;
    expect(status).toMatchObject({ name: 'Status', kind: 'ts-enum', source: { file: 'src/domain/status.ts', line: 1, column: 13, exportName: 'Status' } });
    expect(status?.members).toEqual([{ name: 'Open', value: 'open' }, { name: 'InProgress', value: 'in-progress' }]);
    expect(level?.members).toEqual([{ name: 'Low', value: '0' }, { name: 'High', value: '5' }, { name: 'Top', value: '6' }]);
    expect(size).toMatchObject({ name: 'Size', kind: 'literal-union' });
    expect(size?.members).toEqual([
      { name: 'S', value: 'S' },
      { name: 'M', value: 'M' },
      { name: 'x_large', value: 'x-large' },
      { name: 'v2xl', value: '2xl' },
    ]);
    expect(channel).toEqual({
      name: 'ThingChannel',
      kind: 'inline-union',
      location: { file, line: 8, column: 12 },
      members: [{ name: 'email', value: 'email' }, { name: 'sms', value: 'sms' }],
    });
  });

  it('follows aliases of primitives and maps entities held directly', () => {
    const { model } = inspect({
      'src/domain/line.ts': 'export class Line { constructor(readonly id: string, readonly qty: number) {} }\n',
      [file]: "import { Line } from './line.js';\ntype Cents = number;\ntype Emails = string[];\nexport class Thing {\n  constructor(readonly id: string, readonly price: Cents, readonly emails: Emails, readonly lines: Line[], readonly main?: Line) {}\n}\n",
    });
    expect(fieldSummary(entity(model, 'Thing').fields)).toEqual(['id: string', 'price: number', 'emails: string[]', 'lines: entity Line[]', 'main: entity Line?']);
  });

  it('reports IG101 at the field name for types it cannot map, and keeps @ignore and @json fields', () => {
    const source = `import { Helper } from './helper.js';
export class Thing {
  id!: string;
  callback!: () => void;
  mixed!: string | number;
  helper!: Helper;
  lookup!: Map<string, number>;
  /** @ignore */
  skipped!: () => void;
  /** @json */
  settings!: Helper;
}
`;
    const { model, diagnostics } = inspect(
      { [file]: source, 'src/domain/helper.ts': 'export class Helper {\n  run(): void {}\n}\n' },
      true,
    );
    const hint = 'use a primitive, a value object, an enum or another entity, or mark the field @ignore';
    expect(diagnostics).toEqual([
      { code: 'IG101', severity: 'error', message: 'cannot map Thing.callback of type () => void', location: { file, line: 4, column: 3 }, hint },
      {
        code: 'IG101',
        severity: 'error',
        message: 'cannot map Thing.mixed of type string | number',
        location: { file, line: 5, column: 3 },
        hint: 'pick one type (string or number) for mixed, or tag it @json (stored as Json) or @ignore',
      },
      { code: 'IG101', severity: 'error', message: 'cannot map Thing.helper of type Helper', location: { file, line: 6, column: 3 }, hint },
      { code: 'IG101', severity: 'error', message: 'cannot map Thing.lookup of type Map<string, number>', location: { file, line: 7, column: 3 }, hint },
    ]);
    const thing = entity(model, 'Thing');
    expect(field(thing, 'skipped').tags).toEqual({ ignore: true });
    expect(field(thing, 'settings')).toMatchObject({ tags: { json: true }, type: { kind: 'primitive', primitive: 'json' } });
  });

  it('reports IG101 inside an imported props interface at the props member', () => {
    const { diagnostics } = inspect(
      {
        'src/domain/entity.ts': 'export abstract class AggregateRoot<P> { protected constructor(protected props: P, readonly id: string) {} }\n',
        'src/domain/props.ts': 'export interface OrderProps {\n  total: number;\n  onChange: (total: number) => void;\n}\n',
        'src/domain/order.ts': "import { AggregateRoot } from './entity.js';\nimport type { OrderProps } from './props.js';\nexport class Order extends AggregateRoot<OrderProps> {}\n",
      },
      true,
    );
    expect(diagnostics.map((d) => [d.message, d.location])).toEqual([
      ['cannot map Order.onChange of type (total: number) => void', { file: 'src/domain/props.ts', line: 3, column: 3 }],
    ]);
  });

  it('gives an inline union a fresh name when an enum of that name already exists', () => {
    const { model } = inspect({
      'src/domain/a.ts': "export enum OrderStatus { Open = 'open' }\nexport class Order { constructor(readonly id: string, readonly status: 'new' | 'old', readonly phase: OrderStatus) {} }\n",
    });
    expect(model.enums.map((e) => `${e.name}:${e.kind}:${e.members.map((m) => m.value).join('|')}`)).toEqual(['OrderStatus:ts-enum:open', 'OrderStatus2:inline-union:new|old']);
    expect(model.entities[0]?.fields[1]?.type).toEqual({ kind: 'enum', name: 'OrderStatus2', list: false });
    expect(model.entities[0]?.fields[2]?.type).toEqual({ kind: 'enum', name: 'OrderStatus', list: false });
  });
});
