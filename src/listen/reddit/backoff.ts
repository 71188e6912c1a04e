/**
 * The Reddit connector's waits after failures. Reddit documents no retry schedule, so Vigie uses:
 * - network errors, time-outs and HTTP 5xx (and 408): exponential from 5 s, doubling each
 *   attempt, up to 320 s (5, 10, 20, 40, 80, 160, 320, 320 … s), the next poll round being 60 s
 *   away by default anyway;
 * - HTTP 429 or RATELIMIT: as long as Reddit says (`x-ratelimit-reset`, `Retry-After` or
 *   `json.ratelimit` seconds); when it says nothing, exponential from 60 s up to 960 s.
 * The counts start again after any successful request.
 */

export type RedditBackoffKind = 'server' | 'rate-limit';

export const SERVER_FIRST_MS = 5_000;
export const SERVER_MAX_MS = 320_000;
export const RATE_LIMIT_FIRST_MS = 60_000;
export const RATE_LIMIT_MAX_MS = 960_000;

/** The wait before the `attempt`-th retry (1-based) after failures of one kind. */
export function redditBackoffDelay(kind: RedditBackoffKind, attempt: number): number {
  const n = Math.min(Math.max(1, Math.floor(attempt)), 20);
  return kind === 'server'
    ? Math.min(SERVER_FIRST_MS * 2 ** (n - 1), SERVER_MAX_MS)
    : Math.min(RATE_LIMIT_FIRST_MS * 2 ** (n - 1), RATE_LIMIT_MAX_MS);
}

export class RedditBackoff {
  readonly #attempts: Record<RedditBackoffKind, number> = { server: 0, 'rate-limit': 0 };

  next(kind: RedditBackoffKind): number {
    this.#attempts[kind]++;
    return redditBackoffDelay(kind, this.#attempts[kind]);
  }

  /** Failures since the last success, all kinds. */
  get failures(): number {
    return this.#attempts.server + this.#attempts['rate-limit'];
  }

  reset(): void {
    this.#attempts.server = 0;
    this.#attempts['rate-limit'] = 0;
  }
}
