import type { Diagnostic } from '../diagnostics.js';
import type { PlannedFile } from '../workspace/planned-file.js';

/** A line for the user: `info` is printed with the plan, `next-step` only once the files are written. */
export interface GeneratorNote {
  kind: 'info' | 'next-step';
  text: string;
}

/**
 * What every generator returns. A problem in the user's input is an error diagnostic here, never a
 * throw: the run collects every generator's diagnostics and stops before writing when one is an error.
 */
export interface GeneratorResult<File extends PlannedFile = PlannedFile> {
  files: File[];
  diagnostics: Diagnostic[];
  notes: GeneratorNote[];
}

export function generated<File extends PlannedFile>(files: File[], more: Partial<Omit<GeneratorResult, 'files'>> = {}): GeneratorResult<File> {
  return { files, diagnostics: more.diagnostics ?? [], notes: more.notes ?? [] };
}

/** A result that plans nothing and says why. */
export function refused(diagnostics: Diagnostic[], notes: GeneratorNote[] = []): GeneratorResult<never> {
  return { files: [], diagnostics, notes };
}

export const info = (text: string): GeneratorNote => ({ kind: 'info', text });
export const nextStep = (text: string): GeneratorNote => ({ kind: 'next-step', text });
