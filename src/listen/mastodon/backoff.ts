/**
 * The Mastodon connector's reconnection schedule. Mastodon documents none for its streaming API,
 * so this one follows the common practice (and X's shape):
 *
 * - network failures (refused, reset, dropped mid-stream, stalled, WebSocket closed):
 *   1 s, 2 s, 4 s, 8 s, 16 s, 32 s, then 60 s each time;
 * - HTTP 5xx and other unexpected answers: 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s;
 * - HTTP 429: until `X-RateLimit-Reset` when the server gives it (at least 1 s, at most 1 h);
 *   otherwise 60 s, 120 s, 240 s, 480 s, then 900 s.
 *
 * Each kind counts its own consecutive failures; all counts go back to zero once a connection is
 * healthy (it delivered an event, or stayed open for HEALTHY_AFTER_MS). No jitter, so tests can
 * assert the exact schedule; instances and streams fail and retry independently anyway.
 */

export type FailureKind = 'network' | 'http' | 'rate-limit';

interface Step {
  first: number;
  max: number;
}

export const BACKOFF_STEPS: Readonly<Record<FailureKind, Step>> = {
  network: { first: 1_000, max: 60_000 },
  http: { first: 5_000, max: 300_000 },
  'rate-limit': { first: 60_000, max: 900_000 },
};

/** A connection open this long (clock time) counts as healthy even if it delivered nothing. */
export const HEALTHY_AFTER_MS = 30_000;

const MIN_RESET_WAIT = 1_000;
const MAX_RESET_WAIT = 3_600_000;

/** The delay before attempt `n` (1-based) after `n` consecutive failures of `kind`. */
export function backoffDelay(kind: FailureKind, n: number): number {
  const s = BACKOFF_STEPS[kind];
  return Math.min(s.max, s.first * 2 ** Math.max(0, Math.min(30, n - 1)));
}

export class Backoff {
  readonly #counts: Record<FailureKind, number> = { network: 0, http: 0, 'rate-limit': 0 };

  /**
   * The delay after one more failure of `kind`. For a 429, `resetAt` (epoch ms, from
   * X-RateLimit-Reset) decides when given and in the future.
   */
  next(kind: FailureKind, now: number, resetAt: number | null = null): number {
    this.#counts[kind]++;
    if (kind === 'rate-limit' && resetAt !== null && resetAt > now) {
      return Math.min(MAX_RESET_WAIT, Math.max(MIN_RESET_WAIT, resetAt - now));
    }
    return backoffDelay(kind, this.#counts[kind]);
  }

  reset(): void {
    this.#counts.network = 0;
    this.#counts.http = 0;
    this.#counts['rate-limit'] = 0;
  }
}
