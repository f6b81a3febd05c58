/** Where adapters report what they recover from on their own (reconnections, lost acks). */
export interface MessagingLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLogger: MessagingLogger = {
  warn: (message, details) => console.warn(`[messaging] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[messaging] ${message}`, details ?? ''),
};

export const silentLogger: MessagingLogger = { warn: () => {}, error: () => {} };
