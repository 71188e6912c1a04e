/** Epoch milliseconds as an ISO 8601 string (UTC). */
export function isoTime(t: number): string {
  return new Date(t).toISOString();
}

export function isoTimeOrNull(t: number | null): string | null {
  return t === null ? null : isoTime(t);
}
