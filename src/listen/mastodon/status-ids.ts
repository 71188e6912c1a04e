/**
 * Mastodon status ids: server-local snowflakes, `(milliseconds since 1970 << 16) | sequence`, as
 * decimal strings. Compatible servers use other sortable ids (GoToSocial ULIDs, Akkoma flake
 * ids), compared as strings; only snowflakes can be turned into times for the gap-fill margin.
 */

const SNOWFLAKE = /^\d{1,20}$/;
const OTHER_ID = /^[0-9A-Za-z_-]{1,64}$/;
const MAX_U64 = 2n ** 64n - 1n;

export function isSnowflake(id: string): boolean {
  return SNOWFLAKE.test(id) && BigInt(id) <= MAX_U64;
}

/** An id this connector may use as a cursor (a snowflake or another sortable id). */
export function isCursorId(id: string): boolean {
  return OTHER_ID.test(id);
}

/** The time (epoch ms) a snowflake was made at. */
export function timeOfId(id: string): number {
  return Number(BigInt(id) >> 16n);
}

/** The smallest snowflake of millisecond `ms`: `min_id=idAt(t)` asks for statuses from t on. */
export function idAt(ms: number): string {
  return (BigInt(Math.max(0, Math.floor(ms))) << 16n).toString();
}

/** Orders two ids: snowflakes by value, others as strings. */
export function compareIds(a: string, b: string): number {
  if (SNOWFLAKE.test(a) && SNOWFLAKE.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a status id may move a stream's cursor: a well-formed id, and for a snowflake, not from
 * more than a day after receipt (a corrupted or forged id must not make gap fills skip statuses).
 */
export function trustworthyId(id: string, receivedAt: number): boolean {
  if (!isCursorId(id)) return false;
  if (!SNOWFLAKE.test(id)) return true;
  return isSnowflake(id) && timeOfId(id) <= receivedAt + 86_400_000;
}

/** Where a gap fill starts: `margin` ms before `base` when it is a snowflake, `base` itself otherwise. */
export function gapFillMinId(base: string, marginMs: number): string {
  return marginMs > 0 && isSnowflake(base) ? idAt(timeOfId(base) - marginMs) : base;
}
