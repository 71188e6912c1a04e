/**
 * Reddit's rate-limit headers: `x-ratelimit-used`, `x-ratelimit-remaining` (a float such as
 * "986.0") and `x-ratelimit-reset` (seconds from now until the window resets, not an epoch).
 */
import type { RateLimitState } from '../live/live-source.ts';
import type { HeaderReader } from './http.ts';

/** Reddit's window is 10 minutes: a longer wait is a bad header (or clock), and is capped. */
export const MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

function headerNumber(headers: HeaderReader, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^\s*\d{1,12}(\.\d{1,6})?\s*$/.test(v)) return null;
  return Number(v);
}

/** The rate-limit state the headers give, or null when they give none. */
export function readRedditRateLimit(headers: HeaderReader, now: number): RateLimitState | null {
  const used = headerNumber(headers, 'x-ratelimit-used');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  if (used === null && remaining === null && reset === null) return null;
  return {
    limit: used !== null && remaining !== null ? Math.round(used + remaining) : null,
    remaining: remaining === null ? null : Math.floor(remaining),
    resetAt: reset === null ? null : now + Math.round(reset * 1000),
  };
}

/** `Retry-After` in seconds (the date form is not used by Reddit), as ms, or null. */
export function retryAfterMs(headers: HeaderReader): number | null {
  const v = headers.get('retry-after');
  if (v === null || !/^\s*\d{1,7}\s*$/.test(v)) return null;
  return Number(v) * 1000;
}

/**
 * How long to wait before the next request: until the reset when `reserve` or fewer requests
 * remain in the window, otherwise 0 (capped at MAX_RATE_LIMIT_WAIT_MS).
 */
export function rateLimitWait(state: RateLimitState | null, reserve: number, now: number): number {
  if (state === null || state.remaining === null || state.resetAt === null || state.remaining > reserve) return 0;
  return Math.min(Math.max(0, state.resetAt - now), MAX_RATE_LIMIT_WAIT_MS);
}
