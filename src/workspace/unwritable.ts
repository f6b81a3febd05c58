import { errorDiagnostic, UserError } from '../diagnostics.js';

const denied = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A write the file system refuses (read-only project, no permission) as the user's error, after the rollback. */
export async function refusingUnwritable<T>(root: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || !denied.has(code)) throw error;
    const file = (error as NodeJS.ErrnoException).path ?? root;
    throw new UserError(
      `cannot write to the project at ${root}; nothing was written`,
      [
        errorDiagnostic(
          'IG019',
          `${file}: ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}`,
          undefined,
          'make the project writable for this user, or run infragen where it can write',
        ),
      ],
      { cause: error },
    );
  }
}
