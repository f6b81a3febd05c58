import { hostname } from 'node:os';
import path from 'node:path';
import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { errorDiagnostic, UserError } from '../diagnostics.js';

/** Held while infragen writes a project, so that two runs never both write; relative to the project root. */
export const lockPath = '.infragen/lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process cannot be checked: assume it runs
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host, since: String(parsed.since) } : undefined;
  } catch {
    return undefined;
  }
}

async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(`${JSON.stringify(owner)}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Moves a dead run's lock aside, unless another run replaced it meanwhile (then it is put back). */
async function clearStale(file: string, stale: LockOwner): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch {
    return; // another run cleared it first
  }
  const moved = await readOwner(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) await rename(aside, file).catch(() => undefined);
  else await rm(aside, { force: true });
}

function lockedError(file: string, owner: LockOwner): UserError {
  const message = `another infragen run (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is writing this project`;
  return new UserError(message, [errorDiagnostic('IG018', message, { file, line: 1, column: 1 }, `wait for it to finish; if no such process runs, delete ${lockPath}`)]);
}

/**
 * Takes the project's write lock, runs `work`, and lets go. A lock left by a process that no longer runs
 * (killed) is taken over; one held by a live process stops this run with its pid.
 */
export async function withProjectLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const file = path.join(root, lockPath);
  const createdDir = await mkdir(path.dirname(file), { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  try {
    for (let attempt = 0; !(await tryCreate(file, owner)); attempt += 1) {
      const holder = await readOwner(file);
      if (holder && isAlive(holder)) throw lockedError(lockPath, holder);
      if (holder) await clearStale(file, holder);
      else if (await olderThan(file, 2_000)) await rm(file, { force: true }); // its writer died before writing it
      else if (attempt >= 100) throw lockedError(lockPath, { pid: 0, host: 'unknown', since: 'unknown' });
      else await new Promise((resolve) => setTimeout(resolve, 100)); // its writer is writing it now
    }
  } catch (error) {
    if (createdDir) await rmdir(createdDir).catch(() => undefined);
    throw error;
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
    // A run that wrote nothing leaves no `.infragen` folder it created for the lock alone.
    if (createdDir) await rmdir(createdDir).catch(() => undefined);
  }
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ms;
  } catch {
    return true;
  }
}
