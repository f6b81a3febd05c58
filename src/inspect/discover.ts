import { glob } from 'tinyglobby';
import { errorDiagnostic, UserError, type Diagnostic } from '../diagnostics.js';
import { projectEscape } from '../project/containment.js';

const skipped = /(\.d|\.test|\.spec)\.ts$/;

function escapingPattern(pattern: string): Diagnostic | undefined {
  const body = pattern.replace(/^!/, '');
  const leaves = body.startsWith('/') || /^[A-Za-z]:[\\/]/.test(body) || body.split(/[\\/]/).includes('..');
  if (!leaves) return undefined;
  return errorDiagnostic(
    'IG010',
    `the entities glob ${JSON.stringify(pattern)} reaches outside the project`,
    undefined,
    'write "entities" globs relative to the project root, without ".." (infragen.config.*)',
  );
}

/** Domain files that resolve, through a symbolic link, to a place outside the project: never read. */
function escapingFiles(root: string, files: readonly string[]): Diagnostic[] {
  return files.flatMap((file) => {
    const escape = projectEscape(root, file);
    return escape
      ? [
          errorDiagnostic(
            'IG010',
            `${file} matches the entities globs but ${escape}`,
            undefined,
            'move the domain code into the project, or narrow "entities" so the link is not matched',
          ),
        ]
      : [];
  });
}

/**
 * The domain files matching `globs` under `root`: project-relative, `/`-separated, sorted, `.ts` only. A glob
 * or a matched file (through a symbolic link) outside the project is refused: infragen reads only the project.
 */
export async function discoverDomainFiles(root: string, globs: readonly string[]): Promise<string[]> {
  const badPatterns = globs.flatMap((pattern) => escapingPattern(pattern) ?? []);
  if (badPatterns.length > 0) throw new UserError('an entities glob is outside the project; nothing was read', badPatterns);
  const found = await glob([...globs], {
    cwd: root,
    ignore: ['**/node_modules/**'],
    onlyFiles: true,
    expandDirectories: false,
  });
  const files = [...new Set(found.map((file) => file.replaceAll('\\', '/')).filter((file) => file.endsWith('.ts') && !skipped.test(file)))].sort();
  const outside = escapingFiles(root, files);
  if (outside.length > 0) throw new UserError('a domain file resolves outside the project; nothing was read', outside);
  return files;
}
