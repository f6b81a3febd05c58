import { glob } from 'tinyglobby';

const skipped = /(\.d|\.test|\.spec)\.ts$/;

/** The domain files matching `globs` under `root`: project-relative, `/`-separated, sorted, `.ts` only. */
export async function discoverDomainFiles(root: string, globs: readonly string[]): Promise<string[]> {
  const found = await glob([...globs], {
    cwd: root,
    ignore: ['**/node_modules/**'],
    onlyFiles: true,
    expandDirectories: false,
  });
  const files = found.map((file) => file.replaceAll('\\', '/')).filter((file) => file.endsWith('.ts') && !skipped.test(file));
  return [...new Set(files)].sort();
}
