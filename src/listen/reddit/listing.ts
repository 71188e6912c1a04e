/**
 * The body of a Reddit API answer: JSON, possibly carrying the errors Reddit sends inside an
 * HTTP 200 (`{"json":{"errors":[["RATELIMIT", "…", "ratelimit"]], "ratelimit": 541.8}}`), and
 * for listings a `Listing` (`{kind:"Listing", data:{children, after, before}}`).
 */
import { arr, isObject, obj, parseJson, str } from '../import/json-access.ts';

export interface Listing {
  children: unknown[];
  /** Fullname to pass as `after` for the next (older) page; null at the end. */
  after: string | null;
}

export type ApiErrorList = { code: string; message: string }[];

export type ParsedBody =
  | { kind: 'errors'; errors: ApiErrorList; ratelimitSeconds: number | null }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; reason: string };

/** `json.errors` when non-empty: each `[code, message, field]`. */
function apiErrors(value: unknown): ParsedBody | null {
  const json = obj(value, 'json');
  const errors = arr(json, 'errors');
  if (errors === undefined || errors.length === 0) return null;
  const list = errors.map((e) => {
    const parts = Array.isArray(e) ? e : [];
    const code = typeof parts[0] === 'string' && parts[0] !== '' ? parts[0] : 'UNKNOWN';
    return { code, message: typeof parts[1] === 'string' ? parts[1].slice(0, 300) : '' };
  });
  const rl = json?.ratelimit;
  const ratelimitSeconds = typeof rl === 'number' && Number.isFinite(rl) && rl >= 0 ? rl : null;
  return { kind: 'errors', errors: list, ratelimitSeconds };
}

/** Reads a JSON answer: the value, the errors Reddit put inside it, or why it is not JSON. */
export function parseBody(text: string): ParsedBody {
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  return apiErrors(parsed.value) ?? { kind: 'json', value: parsed.value };
}

/** A parsed answer that must be a Listing: the listing, or why it is not one. */
export function toListing(value: unknown): { kind: 'listing'; listing: Listing } | { kind: 'invalid'; reason: string } {
  if (!isObject(value)) return { kind: 'invalid', reason: 'the answer is not a JSON object (expected a Listing)' };
  const kind = str(value, 'kind');
  if (kind !== 'Listing') {
    const message = str(value, 'message') ?? str(value, 'error') ?? (typeof value.error === 'number' ? String(value.error) : undefined);
    const got = kind === undefined ? 'an object without "kind"' : `kind ${JSON.stringify(kind.slice(0, 40))}`;
    return { kind: 'invalid', reason: `expected a Listing, got ${got}${message === undefined ? '' : ` (${message.slice(0, 100)})`}` };
  }
  const data = obj(value, 'data');
  const children = arr(data, 'children');
  if (children === undefined) return { kind: 'invalid', reason: 'the Listing has no data.children array' };
  const after = str(data, 'after');
  return { kind: 'listing', listing: { children, after: after === undefined || after === '' ? null : after } };
}
