import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics.js';
import { defaultOptions, optionsSchema } from '../../src/config/options.js';
import { loadOptions } from '../../src/config/load-options.js';
import { parseOptions } from '../../src/config/parse-options.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function tempProject(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'infragen-options-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('options', () => {
  it('fills every default', () => {
    const options = parseOptions({}, 'test');
    expect(options.entities).toEqual(['src/domain/**/*.ts']);
    expect(options.naming).toEqual({ tableCase: 'snake', pluralTables: true, columnCase: 'snake' });
    expect(options.paths.schema).toBe('prisma/schema.prisma');
  });

  it('names an unknown key, nested ones included', () => {
    const error = (() => {
      try {
        parseOptions({ entites: ['x'], naming: { tablecase: 'snake' } }, 'infragen.config.json');
      } catch (caught) {
        return caught as UserError;
      }
      throw new Error('expected a UserError');
    })();
    expect(error).toBeInstanceOf(UserError);
    const messages = error.diagnostics.map((d) => d.message);
    expect(messages).toContain('unknown option "entites"');
    expect(messages).toContain('unknown option "naming.tablecase"');
  });

  it('names a key with a wrong value', () => {
    expect(() => parseOptions({ idStrategy: 'serial' }, 'x')).toThrow(UserError);
    try {
      parseOptions({ idStrategy: 'serial' }, 'x');
    } catch (error) {
      expect((error as UserError).diagnostics[0]?.message).toMatch(/^option "idStrategy": /);
    }
  });

  it('loads infragen.config.json and the infragen key of package.json', async () => {
    const fromJson = await loadOptions(tempProject({ 'infragen.config.json': '{ "idStrategy": "cuid" }' }));
    expect(fromJson.idStrategy).toBe('cuid');
    rmSync(dir!, { recursive: true, force: true });
    const fromPackage = await loadOptions(tempProject({ 'package.json': '{ "infragen": { "naming": { "pluralTables": false } } }' }));
    expect(fromPackage.naming.pluralTables).toBe(false);
  });

  it('uses defaults without any configuration', async () => {
    expect(await loadOptions(tempProject({ 'package.json': '{ "name": "x" }' }))).toStrictEqual(parseOptions({}, 'test'));
  });

  it('has the same defaults as plain data as the schema fills in', () => {
    expect(defaultOptions()).toStrictEqual(optionsSchema.parse({}));
    expect(defaultOptions()).not.toBe(defaultOptions());
  });

  it('finds .config/infragen.json and the infragen key of a package.json above the project', async () => {
    const root = tempProject({ 'package.json': '{ "infragen": { "idStrategy": "cuid" } }' });
    mkdirSync(path.join(root, 'app/.config'), { recursive: true });
    expect((await loadOptions(path.join(root, 'app'))).idStrategy).toBe('cuid');
    writeFileSync(path.join(root, 'app/.config/infragen.json'), '{ "idStrategy": "autoincrement" }');
    expect((await loadOptions(path.join(root, 'app'))).idStrategy).toBe('autoincrement');
  });
});
