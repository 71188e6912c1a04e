/**
 * Parses an HTTP `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP
 * date. Rate-limited channels (Slack 429, Teams 429, webhook receivers) send it; the delivery
 * worker waits at least that long before the next attempt instead of its own back-off.
 */

/** Milliseconds to wait, or `undefined` when the header is absent or unreadable (the caller's back-off applies). */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date always names its day and month; a bare "-5" would otherwise parse as a year.
  if (!/^[A-Za-z]{3}, /.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
