import { splitStatements } from './sql-script.js';

const name = '"((?:[^"]|"")+)"';
/** A step that destroys data: what it does, and the tables and columns it names (as Prisma quotes them). */
export interface DestructiveStep {
  text: string;
  objects: string[];
}

const patterns: { pattern: RegExp; describe: (match: RegExpExecArray) => string }[] = [
  { pattern: new RegExp(`^DROP TABLE ${name}`, 'i'), describe: (m) => `drops the table ${m[1]} and every row in it` },
  { pattern: new RegExp(`^ALTER TABLE ${name}.*\\bDROP COLUMN ${name}`, 'is'), describe: (m) => `drops the column ${m[1]}.${m[2]} and its values` },
  { pattern: new RegExp(`^ALTER TABLE ${name}.*\\bALTER COLUMN ${name} SET DATA TYPE`, 'is'), describe: (m) => `changes the type of ${m[1]}.${m[2]}: values that do not convert are lost or fail` },
  { pattern: new RegExp(`^DROP TYPE ${name}`, 'i'), describe: (m) => `drops the enum type ${m[1]}` },
  { pattern: new RegExp(`^ALTER TYPE ${name} RENAME TO`, 'i'), describe: (m) => `replaces the enum ${m[1]}: rows holding a removed value fail to convert` },
];

/**
 * The steps of a migration script that destroy data whatever the tables hold: read from the SQL itself, since
 * Prisma's own warnings depend on rows (and the embedded database has none).
 */
export function destructiveSteps(script: string): DestructiveStep[] {
  return splitStatements(script).flatMap(({ text }) => {
    const statement = text.trim();
    for (const { pattern, describe } of patterns) {
      const match = pattern.exec(statement);
      if (match) return [{ text: describe(match), objects: match.slice(1).map((object) => object.replaceAll('""', '"')) }];
    }
    return [];
  });
}

/** Columns a (down) script adds as NOT NULL without a default: it fails on any table that has rows. */
export function requiredColumnsWithoutDefault(script: string): string[] {
  return splitStatements(script).flatMap(({ text }) => {
    const table = new RegExp(`ALTER TABLE ${name}`, 'i').exec(text)?.[1];
    if (!table) return [];
    return [...text.matchAll(new RegExp(`ADD COLUMN ${name} ([^,;]*)`, 'gi'))]
      .filter(([, , definition]) => /NOT NULL/i.test(definition!) && !/DEFAULT/i.test(definition!))
      .map(([, column]) => `${table}.${column}`);
  });
}
