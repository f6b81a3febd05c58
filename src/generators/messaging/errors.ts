import { errorDiagnostic, type Diagnostic } from '../../diagnostics.js';
import type { SourceLocation } from '../../model/domain.js';

/** Diagnostic codes of the messaging generator. */
export const messagingCodes = {
  unreadableField: 'IG701',
  unsupportedFieldType: 'IG702',
  notAClass: 'IG703',
  unsupportedPortMethod: 'IG704',
  duplicateEventType: 'IG705',
  /** A broker infragen knows by name but has no adapter for (none today: every broker has one). */
  adapterNotAvailable: 'IG706',
} as const;

export function messagingDiagnostic(code: keyof typeof messagingCodes, message: string, location: SourceLocation | undefined, hint?: string): Diagnostic {
  return errorDiagnostic(messagingCodes[code], message, location, hint);
}
