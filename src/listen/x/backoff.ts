/**
 * X's reconnection back-off, exactly as its "Handling disconnections" page documents it:
 * - TCP/IP (network) errors: back off linearly, +250 ms each attempt, up to 16 s;
 * - HTTP errors: back off exponentially, from 5 s, doubling each attempt, up to 320 s;
 * - HTTP 429: back off exponentially, from 1 minute, doubling each attempt.
 * X gives no ceiling for 429; Vigie stops doubling at 32 min (60 s × 2⁵), past the 15–20 min an
 * abruptly closed connection can keep the stream's connection slot, so a source recovers within
 * the hour once X lets it in.
 */

export type BackoffKind = 'network' | 'http' | 'rate-limit';

export const NETWORK_STEP_MS = 250;
export const NETWORK_MAX_MS = 16_000;
export const HTTP_FIRST_MS = 5_000;
export const HTTP_MAX_MS = 320_000;
export const RATE_LIMIT_FIRST_MS = 60_000;
export const RATE_LIMIT_MAX_MS = 1_920_000;

/** The wait before the `attempt`-th retry (1-based) after failures of one kind. */
export function backoffDelay(kind: BackoffKind, attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  switch (kind) {
    case 'network':
      return Math.min(NETWORK_STEP_MS * n, NETWORK_MAX_MS);
    case 'http':
      // 2 ** 7 × 5 s is past the ceiling already: no overflow, whatever the attempt.
      return Math.min(HTTP_FIRST_MS * 2 ** Math.min(n - 1, 10), HTTP_MAX_MS);
    case 'rate-limit':
      return Math.min(RATE_LIMIT_FIRST_MS * 2 ** Math.min(n - 1, 10), RATE_LIMIT_MAX_MS);
  }
}

/**
 * Counts failures of each kind since the last success: each kind follows its own schedule (a
 * network error after three 503s waits 250 ms, not 40 s). `reset()` once a connection works.
 */
export class XBackoff {
  readonly #attempts: Record<BackoffKind, number> = { network: 0, http: 0, 'rate-limit': 0 };

  /** The wait before the next attempt after one more failure of this kind. */
  next(kind: BackoffKind): number {
    this.#attempts[kind]++;
    return backoffDelay(kind, this.#attempts[kind]);
  }

  reset(): void {
    this.#attempts.network = 0;
    this.#attempts.http = 0;
    this.#attempts['rate-limit'] = 0;
  }
}
