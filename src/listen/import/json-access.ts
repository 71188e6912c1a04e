// Small, allocation-free accessors for untrusted JSON: parsers read fields through these, so a
// wrong type anywhere is treated as "absent" instead of throwing.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, key: string): JsonObject | undefined {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return isObject(x) ? x : undefined;
}

export function arr(v: unknown, key: string): unknown[] | undefined {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return Array.isArray(x) ? x : undefined;
}

export function str(v: unknown, key: string): string | undefined {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return typeof x === 'string' ? x : undefined;
}

/** A non-negative safe integer, or undefined. */
export function count(v: unknown, key: string): number | undefined {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : undefined;
}

/** JSON.parse that returns a reason instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Epoch ms of an ISO 8601 date, or undefined when it does not parse. */
export function isoTime(s: string | undefined): number | undefined {
  if (s === undefined || s.length < 10 || s.length > 40) return undefined;
  const t = s.length === 24 ? utcMillisTime(s) : Number.NaN;
  if (!Number.isNaN(t)) return t;
  const parsed = Date.parse(s);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** The value of the digit at s[i], or NaN when it is not a digit. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * The one form X (and most APIs) send, `YYYY-MM-DDTHH:MM:SS.sssZ`, read by hand: Date.parse costs
 * ≈ 240 ns a call, this ≈ 30 ns (parse-x-line.bench.ts). NaN for anything else (Date.parse then
 * decides), including what Date.UTC would read differently: years below 100 and out-of-range
 * fields. Day 29 to 31 of a short month rolls over in both, as Date.parse does.
 */
function utcMillisTime(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return Number.NaN;
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return Number.NaN;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const month = digit(s, 5) * 10 + digit(s, 6);
  const day = digit(s, 8) * 10 + digit(s, 9);
  const hour = digit(s, 11) * 10 + digit(s, 12);
  const minute = digit(s, 14) * 10 + digit(s, 15);
  const second = digit(s, 17) * 10 + digit(s, 18);
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
  // Every comparison with NaN is false, so a non-digit anywhere fails here.
  const inRange =
    year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0;
  return inRange ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : Number.NaN;
}
