import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where infragen keeps derived data between runs: `$INFRAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/infragen`, else `~/.cache/infragen`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INFRAGEN_CACHE_DIR) return env.INFRAGEN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'infragen');
}
