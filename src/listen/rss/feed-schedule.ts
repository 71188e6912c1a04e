/**
 * When a feed is polled next. After a good poll (200 or 304): its interval, spread by ±jitter.
 * After a failure (network error, timeout, HTTP 4xx/5xx, body too large, too many redirects):
 * retryBase × 2^(n−1) for the n-th failure in a row, at most retryMax, without jitter (so the
 * schedule is exactly 30 s, 60 s, 120 s … with the defaults). A 429 or 503 with Retry-After waits
 * what the server said (at most maxRetryAfter); a 429 without it follows the failure schedule.
 * A body that is not a feed (malformed XML) is not retried sooner: the feed keeps its interval.
 */

export function backoffMs(failures: number, baseMs: number, maxMs: number): number {
  const n = Math.max(1, failures);
  // 2^(n-1) overflows to Infinity long after it passes any max: Math.min handles it.
  return Math.min(baseMs * 2 ** (n - 1), maxMs);
}

/** `intervalMs` spread by ±`jitter` (a fraction); `r` is uniform in [0, 1). */
export function jitteredMs(intervalMs: number, jitter: number, r: number): number {
  return Math.max(0, Math.round(intervalMs * (1 + jitter * (2 * r - 1))));
}
