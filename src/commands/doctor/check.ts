/** One line of `infragen doctor`: ✔ fine, ✖ wrong (with the fix), – not applicable here (with why). */
export interface CheckResult {
  name: string;
  status: 'ok' | 'fail' | 'skip';
  message: string;
  /** What to do about a failure. */
  fix?: string;
  /** Further lines: files skipped, migrations pending, … */
  details?: string[];
}

export const ok = (name: string, message: string, details?: string[]): CheckResult => ({ name, status: 'ok', message, ...(details?.length && { details }) });
export const fail = (name: string, message: string, fix: string, details?: string[]): CheckResult => ({ name, status: 'fail', message, fix, ...(details?.length && { details }) });
export const skip = (name: string, message: string): CheckResult => ({ name, status: 'skip', message });

/** `major.minor.patch` of a version string as numbers; prerelease tags are ignored. */
export function versionParts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^[^\d]*/, '').split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

export function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [versionParts(version), versionParts(minimum)];
  for (let index = 0; index < 3; index += 1) {
    if (a[index]! !== b[index]!) return a[index]! > b[index]!;
  }
  return true;
}

/** Resolves after `ms` with `onTimeout`, unless `work` settles first: every check against a service is bounded. */
export async function within<T>(ms: number, work: Promise<T>, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(onTimeout()), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
