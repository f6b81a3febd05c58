import { DbNull, Decimal, JsonNull } from '@prisma/client-runtime-utils';
import { describe, expect, it } from 'vitest';
import {
  childUpdateParameter,
  childUpdateStatement,
  databaseSchemaFromEnv,
  updateChildRows,
  type ChildTable,
} from '../../../../templates/repos/runtime/repos/child-writes.js';

const lines: ChildTable = {
  table: 'order "lines"',
  columns: { id: 'id', title: 'line_title', status: 'status', payload: 'payload', orderId: 'order_id' },
  key: 'id',
  owner: 'orderId',
  json: ['payload'],
  enums: { status: { InProgress: 'in-progress' } },
};

describe('childUpdateStatement', () => {
  it('names the schema-qualified table and mapped columns, quoted, and takes every value from the one parameter', () => {
    const statement = childUpdateStatement('sales"x', lines);
    expect(statement).toBe(
      'UPDATE "sales""x"."order ""lines""" AS t SET ' +
        `"line_title" = CASE WHEN e.r -> 'line_title' IS NULL THEN t."line_title" ELSE v."line_title" END, ` +
        `"status" = CASE WHEN e.r -> 'status' IS NULL THEN t."status" ELSE v."status" END, ` +
        `"payload" = CASE WHEN e.r -> 'payload' IS NULL THEN t."payload" ELSE (e.r ->> 'payload')::jsonb END ` +
        'FROM jsonb_array_elements($1::jsonb) AS e(r), jsonb_populate_record(NULL::"sales""x"."order ""lines""", e.r) AS v ' +
        'WHERE t."id" = v."id" AND t."order_id" = v."order_id"',
    );
  });

  it('leaves the table unqualified without a schema (the search_path finds it)', () => {
    expect(childUpdateStatement(undefined, lines)).toMatch(/^UPDATE "order ""lines""" AS t SET /);
  });

  it('escapes a quote in a column name inside the literal that looks the column up', () => {
    const table: ChildTable = { table: 't', columns: { id: 'id', odd: "it's", ownerId: 'owner_id' }, key: 'id', owner: 'ownerId' };
    expect(childUpdateStatement(undefined, table)).toContain(`CASE WHEN e.r -> 'it''s' IS NULL THEN t."it's" ELSE v."it's" END`);
  });
});

describe('childUpdateParameter', () => {
  it('keys each row by column, maps enum members to their stored values and keeps text as data', () => {
    const rows = [{ id: 'a', title: "'); DROP TABLE x; --", status: 'InProgress', payload: { b: 1, a: [true, null] }, orderId: 'o' }];
    expect(JSON.parse(childUpdateParameter(lines, rows))).toEqual([
      { id: 'a', line_title: "'); DROP TABLE x; --", status: 'in-progress', payload: '{"b":1,"a":[true,null]}', order_id: 'o' },
    ]);
  });

  it('sends Json columns as their text: JsonNull as the JSON null, DbNull and null as SQL NULL', () => {
    const rows = [
      { id: 'a', payload: JsonNull, orderId: 'o' },
      { id: 'b', payload: DbNull, orderId: 'o' },
      { id: 'c', payload: null, orderId: 'o' },
      { id: 'd', payload: 'text', orderId: 'o' },
    ];
    expect(JSON.parse(childUpdateParameter(lines, rows)).map((row: { payload: unknown }) => row.payload)).toEqual(['null', null, null, '"text"']);
  });

  it('leaves out what a record leaves undefined (the statement keeps the stored value) and fields with no column', () => {
    expect(JSON.parse(childUpdateParameter(lines, [{ id: 'a', title: undefined, orderId: 'o', extra: 1 }]))).toEqual([{ id: 'a', order_id: 'o' }]);
  });

  it('writes what JSON lacks as text the column reads: bigints, non-finite numbers, decimals, dates, in lists too', () => {
    const table: ChildTable = {
      table: 't',
      columns: { id: 'id', big: 'big', float: 'float', price: 'price', at: 'at', tags: 'tags', states: 'states' },
      key: 'id',
      owner: 'id',
      enums: { states: { InProgress: 'in-progress' } },
    };
    const row = {
      id: 'a',
      big: BigInt('9007199254740993'),
      float: [Number.NaN, Number.POSITIVE_INFINITY, 1.5],
      price: new Decimal('12.50'),
      at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
      tags: ['x', 'y'],
      states: ['InProgress', 'Done'],
    };
    expect(JSON.parse(childUpdateParameter(table, [row]))).toEqual([
      {
        id: 'a',
        big: '9007199254740993',
        float: ['NaN', 'Infinity', 1.5],
        price: '12.5',
        at: '2026-01-02T03:04:05.006Z',
        tags: ['x', 'y'],
        states: ['in-progress', 'Done'],
      },
    ]);
  });

  it('writes the Dates of time-of-day columns as the time of day', () => {
    const table: ChildTable = { table: 't', columns: { id: 'id', opens: 'opens', slots: 'slots' }, key: 'id', owner: 'id', times: ['opens', 'slots'] };
    const at = (hour: number) => new Date(Date.UTC(1970, 0, 1, hour, 30, 15, 250));
    expect(JSON.parse(childUpdateParameter(table, [{ id: 'a', opens: at(9), slots: [at(10), at(23)] }]))).toEqual([
      { id: 'a', opens: '09:30:15.250Z', slots: ['10:30:15.250Z', '23:30:15.250Z'] },
    ]);
  });
});

describe('updateChildRows', () => {
  it('sends nothing for no rows, and one statement with one parameter for many', async () => {
    const sent: unknown[][] = [];
    const db = { $executeRawUnsafe: async (query: string, ...values: unknown[]) => (sent.push([query, ...values]), values.length) };
    expect(await updateChildRows(db, 's', lines, [])).toBe(0);
    expect(sent).toEqual([]);
    await updateChildRows(db, 's', lines, [
      { id: 'a', orderId: 'o' },
      { id: 'b', orderId: 'o' },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual([childUpdateStatement('s', lines), '[{"id":"a","order_id":"o"},{"id":"b","order_id":"o"}]']);
  });
});

describe('databaseSchemaFromEnv', () => {
  it("reads DATABASE_URL's ?schema=, as the generated database client does", () => {
    expect(databaseSchemaFromEnv({ DATABASE_URL: 'postgresql://u@h:5432/db?schema=sales' })).toBe('sales');
    expect(databaseSchemaFromEnv({ DATABASE_URL: 'postgresql://u@h:5432/db' })).toBeUndefined();
    expect(databaseSchemaFromEnv({})).toBeUndefined();
  });
});
