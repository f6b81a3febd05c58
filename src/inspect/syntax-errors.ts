import type { SourceFile, ts as Ts } from 'ts-morph';
import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isFromPackage, relativeFile } from './project.js';
import { ts } from './ts-morph.js';

/**
 * What the parser reported for a file. TypeScript keeps it on the source file it already parsed (`parseDiagnostics`,
 * not in its public typings); building a Program to ask for it costs ~0.3 s per 1,000 files, so it is the fallback.
 */
function parseErrors(file: SourceFile): readonly Ts.Diagnostic[] {
  const kept = (file.compilerNode as Ts.SourceFile & { parseDiagnostics?: readonly Ts.Diagnostic[] }).parseDiagnostics;
  return kept ?? file.getProject().getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode);
}

/**
 * The syntax errors of the domain's own files (those asked for and those they import), one located error per file:
 * a file the parser had to repair is never read as if it were valid. Only the parser's findings (no type checking).
 */
export function syntaxErrors(files: readonly SourceFile[]): Diagnostic[] {
  // The first error of each file: the parser's recovery makes the ones after it echoes more often than not.
  return files
    .filter((file) => !isFromPackage(file))
    .flatMap((file) =>
      parseErrors(file)
        .slice(0, 1)
        .map((problem) => {
          const { line, character } = file.compilerNode.getLineAndCharacterOfPosition(problem.start ?? 0);
          return errorDiagnostic(
            'IG104',
            `${relativeFile(file)} does not parse: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}`,
            { file: relativeFile(file), line: line + 1, column: character + 1 },
            'fix the syntax error (`npx tsc --noEmit` shows it too); infragen reads no domain file the compiler would reject',
          );
        }),
    );
}
