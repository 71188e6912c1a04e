import { pino, type Logger, type Level } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino) on stderr, so that stdout stays for command output and `--json`.
 * `level: 'silent'` for tests.
 */
export function createLogger(options: { level?: Level | 'silent'; name?: string } = {}): Logger {
  return pino({ level: options.level ?? 'info', name: options.name ?? 'vigie' }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
