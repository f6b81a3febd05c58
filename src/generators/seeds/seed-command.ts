/**
 * The command that runs the seed entry script, for `prisma.config.ts` and the `db:seed` script. Through
 * jiti's loader hook rather than its `jiti` binary: `prisma db seed` does not put node_modules/.bin on PATH.
 */
export function seedCommand(entryFile: string): string {
  return `node --import jiti/register ${entryFile}`;
}
