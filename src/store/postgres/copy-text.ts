import type { RowValue } from '../mention-row.ts';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\uFFFD' };

/**
 * One value in PostgreSQL's COPY text format: NULL is \N; backslash, newline, carriage return
 * and tab are escaped; NUL (which PostgreSQL text cannot hold) becomes U+FFFD.
 */
export function copyValue(v: RowValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot store the number ${v}`);
    return String(v);
  }
  return /[\\\n\r\t\0]/.test(v) ? v.replace(/[\\\n\r\t\0]/g, (c) => ESCAPES[c]!) : v;
}

/** One COPY text line (tab-separated, newline-terminated). */
export function copyLine(values: readonly RowValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]!);
  return line + '\n';
}
