/**
 * Authenticated GET requests to a Mastodon instance's REST API, classified for the connector:
 * the rate-limit headers (`X-RateLimit-Limit`, `-Remaining`, `-Reset` as an ISO date), `Link`
 * pagination, and failures sorted into what the back-off schedule needs.
 */
import type { RateLimitState } from '../live/live-source.ts';

export type RestFailureKind = 'network' | 'http' | 'rate-limit' | 'auth' | 'client';

export type RestResult =
  | { ok: true; status: number; headers: Headers; body: string; rateLimit: RateLimitState | null }
  | { ok: false; kind: RestFailureKind; status: number | null; message: string; rateLimit: RateLimitState | null };

/** Answers larger than this are refused (a page of 40 statuses is well under 1 MB). */
export const MAX_REST_BODY = 16 * 1024 * 1024;

function int(v: string | null): number | null {
  if (v === null || !/^\s*\d{1,15}\s*$/.test(v)) return null;
  return Number(v);
}

/** The X-RateLimit-* headers, or null when the server sent none. */
export function readRateLimit(headers: Headers): RateLimitState | null {
  const limit = int(headers.get('x-ratelimit-limit'));
  const remaining = int(headers.get('x-ratelimit-remaining'));
  const resetRaw = headers.get('x-ratelimit-reset');
  let resetAt: number | null = null;
  if (resetRaw !== null) {
    const t = Date.parse(resetRaw);
    resetAt = Number.isFinite(t) ? t : null;
  }
  if (limit === null && remaining === null && resetAt === null) return null;
  return { limit, remaining, resetAt };
}

/** `Link: <url>; rel="next", <url>; rel="prev"` as a map from rel to URL. */
export function parseLinkHeader(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  if (header === null) return links;
  for (const m of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const rel = /;\s*rel="?([^";,]+)"?/i.exec(m[2] ?? '');
    if (rel?.[1] !== undefined && m[1] !== undefined) {
      for (const r of rel[1].trim().split(/\s+/)) if (!links.has(r)) links.set(r, m[1]);
    }
  }
  return links;
}

/** A short, printable excerpt of an error body: the `error` field of a JSON body, or its text. */
export function errorText(body: string): string {
  try {
    const v: unknown = JSON.parse(body);
    if (typeof v === 'object' && v !== null && typeof (v as { error?: unknown }).error === 'string') {
      return (v as { error: string }).error.slice(0, 200);
    }
  } catch {
    // not JSON: the text itself
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

async function readCapped(res: Response, max: number): Promise<string | null> {
  if (res.body === null) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Sorts a non-2xx status into a failure kind. */
export function failureKindOf(status: number): RestFailureKind {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500 || status === 408) return 'http';
  return 'client';
}

export function networkMessage(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : e.message;
    return e.name === 'TimeoutError' ? 'no answer in time' : detail;
  }
  return String(e);
}

/** GET `url` with the bearer token; never throws (an abort gives a 'network' failure). */
export async function restGet(url: string, token: string, timeoutMs: number, signal?: AbortSignal): Promise<RestResult> {
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (signal !== undefined) signals.push(signal);
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.any(signals), redirect: 'follow' });
  } catch (e) {
    return { ok: false, kind: 'network', status: null, message: networkMessage(e), rateLimit: null };
  }
  const rateLimit = readRateLimit(res.headers);
  let body: string | null;
  try {
    body = await readCapped(res, MAX_REST_BODY);
  } catch (e) {
    return { ok: false, kind: 'network', status: res.status, message: `the answer was cut: ${networkMessage(e)}`, rateLimit };
  }
  if (body === null) return { ok: false, kind: 'http', status: res.status, message: `the answer is over ${MAX_REST_BODY / 1024 / 1024} MB`, rateLimit };
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, headers: res.headers, body, rateLimit };
  const text = errorText(body);
  return { ok: false, kind: failureKindOf(res.status), status: res.status, message: `HTTP ${res.status}${text === '' ? '' : `: ${text}`}`, rateLimit };
}
