import { describe, expect, it } from 'vitest';
import { inlineTransactions, splitStatements } from '../../src/migrate/sql-script.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    const script = [
      `-- a comment; with a semicolon`,
      `CREATE TABLE "a;b" (x TEXT DEFAULT 'it''s; fine');`,
      `/* block; /* nested; */ still comment; */ SELECT E'\\'; still string';`,
      `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;`,
      `DO $$ BEGIN PERFORM 1; END $$;`,
      `SELECT $1::int`,
    ].join('\n');
    expect(splitStatements(script).map((s) => s.text)).toEqual([
      `CREATE TABLE "a;b" (x TEXT DEFAULT 'it''s; fine')`,
      `SELECT E'\\'; still string'`,
      `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$`,
      `DO $$ BEGIN PERFORM 1; END $$`,
      `SELECT $1::int`,
    ]);
  });
});

describe('inlineTransactions', () => {
  it("empties Prisma's BEGIN/COMMIT around an enum change and leaves the rest as it was", () => {
    const down = `-- AlterEnum\nBEGIN;\nCREATE TYPE "Role_new" AS ENUM ('USER');\nDROP TYPE "Role_old";\nCOMMIT;\n\n-- DropTable\nDROP TABLE "Post";\n`;
    expect(inlineTransactions(down)).toEqual({
      script: `-- AlterEnum\n;\nCREATE TYPE "Role_new" AS ENUM ('USER');\nDROP TYPE "Role_old";\n;\n\n-- DropTable\nDROP TABLE "Post";\n`,
      aborts: [],
    });
  });

  it('knows every spelling of the boundaries, and leaves function bodies, savepoints and strings alone', () => {
    const script = `start transaction isolation level serializable; SAVEPOINT s; ROLLBACK TO SAVEPOINT s; SELECT 'COMMIT;';\nDO $$ BEGIN NULL; END $$; Commit Work; begin; END;`;
    expect(inlineTransactions(script).script).toBe(`; SAVEPOINT s; ROLLBACK TO SAVEPOINT s; SELECT 'COMMIT;';\nDO $$ BEGIN NULL; END $$; ; ; ;`);
  });

  it('reports statements that would roll the whole transaction back', () => {
    expect(inlineTransactions('BEGIN; DROP TABLE a; ROLLBACK;').aborts).toEqual(['ROLLBACK']);
    expect(inlineTransactions('ROLLBACK PREPARED \'x\'; ROLLBACK TO s;').aborts).toEqual([]);
  });
});
