import { CliError } from './errors.ts';

/** Global options every command accepts. */
export interface GlobalOptions {
  config?: string;
  logLevel?: string;
}

/** Parses a date given on the command line: ISO 8601 or epoch milliseconds. */
export function parseTimeOption(value: string, flag: string): number {
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const t = Date.parse(trimmed);
  if (Number.isNaN(t)) {
    throw new CliError(`${flag}: expected an ISO 8601 date (2026-03-09T14:00:00Z) or epoch milliseconds, got "${value}"`);
  }
  return t;
}

export function parsePositiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${flag}: expected a number greater than 0, got "${value}"`);
  return n;
}

export function parseIntegerOption(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`${flag}: expected an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** Commander collector for repeatable options (`--query a --query b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
