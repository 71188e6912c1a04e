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
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}
