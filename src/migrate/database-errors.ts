import { errorDiagnostic, UserError } from '../diagnostics.js';

/** The URL as it may be shown: without its password. */
export function redactedUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password) shown.password = '***';
  return shown.toString();
}

export function parseUrlOrRefuse(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new UserError('DATABASE_URL is not a valid URL', [
      errorDiagnostic('IG320', 'DATABASE_URL is not a valid URL', undefined, 'use postgresql://USER:PASSWORD@HOST:PORT/DATABASE (add ?schema=NAME for another schema), or unset it to use the embedded database'),
    ]);
  }
}

const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** A connection failure the user can fix (server down, wrong role, missing database) as a UserError; else as it was. */
export function connectionError(error: unknown, url: URL): unknown {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  const where = redactedUrl(url);
  if (unreachable.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return new UserError(`the database in DATABASE_URL does not answer`, [
      errorDiagnostic('IG321', `${where} does not answer: ${message}`, undefined, 'start PostgreSQL or fix the host and port in DATABASE_URL; unset it to use the embedded database'),
    ]);
  }
  if (code === '28000' || code === '28P01') {
    return new UserError(`the database in DATABASE_URL refused the login`, [
      errorDiagnostic('IG322', `${where} refused the login: ${message}`, undefined, 'check the user name and password in DATABASE_URL, or create the role'),
    ]);
  }
  if (code === '3D000') {
    return new UserError(`the database named in DATABASE_URL does not exist`, [
      errorDiagnostic('IG323', `${where}: ${message}`, undefined, `create it (e.g. \`createdb ${url.pathname.slice(1)}\`) or name an existing database in DATABASE_URL`),
    ]);
  }
  return error;
}
