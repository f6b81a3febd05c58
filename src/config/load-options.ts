import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultOptions } from './defaults.js';
import { errorDiagnostic, UserError } from '../diagnostics.js';
import type { InfragenOptions } from './options.js';

/** A configuration file with a syntax error, or one that throws when loaded, as the user's error naming where. */
function unloadableConfig(error: unknown): UserError {
  const text = error instanceof Error ? error.message : String(error);
  const where = /(\S+\.(?:[cm]?[jt]s|json)):(\d+):(\d+)/.exec(text);
  const location = where ? { file: where[1]!, line: Number(where[2]), column: Number(where[3]) } : undefined;
  const first =
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text;
  return new UserError(
    'the infragen configuration cannot be loaded',
    [
      errorDiagnostic(
        'IG004',
        `the infragen configuration cannot be loaded: ${first}`,
        location,
        'fix the file (it must export the options object as its default export), or remove it to use the defaults',
      ),
    ],
    { cause: error },
  );
}

/** `infragen.config.*` in the root, or `.config/infragen.*` / `.config/infragen.config.*`, where c12 looks; project-relative. */
function configFile(root: string): string | undefined {
  const named = (dir: string, prefixes: string[]): string | undefined =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((entry) => prefixes.some((prefix) => entry === prefix || entry.startsWith(`${prefix}.`)))
          .map((entry) => path.posix.join(dir, entry))[0]
      : undefined;
  return named('.', ['infragen.config']) ?? named('.config', ['infragen', 'infragen.config']);
}

function hasConfigFile(root: string): boolean {
  return configFile(root) !== undefined;
}

/** Where the options were read from, for messages about a configured value: the file, or package.json's key. */
export function configSource(root: string): string {
  return configFile(root) ?? (hasPackageJsonKey(root) ? 'the "infragen" key of package.json' : 'the infragen configuration');
}

/** The nearest package.json at or above `root` (the one c12 reads) has an `infragen` key. */
function hasPackageJsonKey(root: string): boolean {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        return Object.hasOwn(JSON.parse(readFileSync(file, 'utf8')) as object, 'infragen');
      } catch {
        // One that does not parse is c12's to judge, as it was before this shortcut.
        return true;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Loads `infragen.config.{ts,mjs,js,json}` or the `infragen` key of package.json from the project root
 * (c12), then validates it. No configuration means defaults, without loading c12 or the validator.
 */
export async function loadOptions(root: string): Promise<InfragenOptions> {
  if (!hasConfigFile(root) && !hasPackageJsonKey(root)) return defaultOptions();
  const [{ loadConfig }, { parseOptions }] = await Promise.all([import('c12'), import('./parse-options.js')]);
  let loaded: { config: Record<string, unknown> | null; configFile?: string | undefined };
  try {
    loaded = await loadConfig<Record<string, unknown>>({
      name: 'infragen',
      cwd: root,
      rcFile: false,
      globalRc: false,
      dotenv: false,
      packageJson: true,
      envName: false,
    });
  } catch (error) {
    throw unloadableConfig(error);
  }
  const { config, configFile } = loaded;
  const source = configFile && !configFile.endsWith('infragen.config') ? configFile : 'the infragen configuration';
  return parseOptions(config, source);
}
