import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultOptions } from './defaults.js';
import type { InfragenOptions } from './options.js';

/** `infragen.config.*` in the root, or `.config/infragen.*` / `.config/infragen.config.*`, where c12 looks. */
function hasConfigFile(root: string): boolean {
  const named = (dir: string, prefixes: string[]): boolean =>
    existsSync(dir) && readdirSync(dir).some((entry) => prefixes.some((prefix) => entry === prefix || entry.startsWith(`${prefix}.`)));
  return named(root, ['infragen.config']) || named(path.join(root, '.config'), ['infragen', 'infragen.config']);
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
  const { config, configFile } = await loadConfig<Record<string, unknown>>({
    name: 'infragen',
    cwd: root,
    rcFile: false,
    globalRc: false,
    dotenv: false,
    packageJson: true,
    envName: false,
  });
  const source = configFile && !configFile.endsWith('infragen.config') ? configFile : 'the infragen configuration';
  return parseOptions(config, source);
}
