import type { RateLimitState } from '../live/live-source.ts';

/** X's windows for the stream, rules and search endpoints are 15 minutes: a longer wait is a bad header. */
export const MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

function headerInt(headers: Headers, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^\s*\d{1,15}\s*$/.test(v)) return null;
  return Number(v);
}

/**
 * X's `x-rate-limit-limit`, `x-rate-limit-remaining` and `x-rate-limit-reset` (epoch seconds)
 * headers, or null when the response has none of them. A malformed value counts as absent.
 */
export function readRateLimit(headers: Headers): RateLimitState | null {
  const limit = headerInt(headers, 'x-rate-limit-limit');
  const remaining = headerInt(headers, 'x-rate-limit-remaining');
  const reset = headerInt(headers, 'x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetAt: reset === null ? null : reset * 1000 };
}

/**
 * How long to wait before the next call: until the reset when no call remains in the window,
 * otherwise 0. Capped at MAX_RATE_LIMIT_WAIT_MS so that a wrong clock or header cannot stop a
 * source for hours.
 */
export function rateLimitWait(state: RateLimitState | null | undefined, now: number): number {
  if (state == null || state.remaining !== 0 || state.resetAt === null) return 0;
  return Math.min(Math.max(0, state.resetAt - now), MAX_RATE_LIMIT_WAIT_MS);
}
