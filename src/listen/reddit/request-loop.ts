/**
 * Runs one API request until it succeeds, waiting as Reddit asks and backing off as backoff.ts
 * documents, and keeps the source's state up to date:
 * - before each request, when the last rate-limit headers left `rateLimitReserve` requests or
 *   fewer, waits until their reset (`rate-limited`);
 * - RateLimitedError: waits what Reddit said, else the rate-limit back-off (`rate-limited`);
 * - TransientError: the server back-off (`backing-off`), then the same request again;
 * - AuthError: `failed` with the reason, and a new attempt after `authRetryMinutes`;
 * - RequestRefusedError and anything unexpected: thrown to the caller.
 * The wait is on the injected clock, and ends early (returning null) when the signal aborts.
 */
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { RedditApi } from './api-client.ts';
import { RedditBackoff } from './backoff.ts';
import { AuthError, RateLimitedError, TransientError } from './errors.ts';
import { MAX_RATE_LIMIT_WAIT_MS, rateLimitWait } from './rate-limit.ts';

export interface RequestLoopDeps {
  api: RedditApi;
  clock: LiveClock;
  tracker: StatusTracker;
  reserve: number;
  authRetryMs: number;
}

function secondsText(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`;
}

export class RequestLoop {
  readonly #d: RequestLoopDeps;
  readonly #backoff = new RedditBackoff();
  #authFailed = false;

  constructor(deps: RequestLoopDeps) {
    this.#d = deps;
  }

  async run<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T | null> {
    const { api, clock, tracker } = this.#d;
    for (;;) {
      if (signal.aborted) return null;
      const wait = rateLimitWait(api.rateLimit, this.#d.reserve, clock.now());
      if (wait > 0) {
        tracker.state('rate-limited', clock.now() + wait);
        await clock.sleep(wait, signal);
        if (signal.aborted) return null;
        // The window has reset: forget its count until the next answer says otherwise.
        api.rateLimit = null;
      }
      try {
        const result = await attempt();
        if (this.#backoff.failures > 0 || this.#authFailed) tracker.reconnected();
        this.#backoff.reset();
        this.#authFailed = false;
        tracker.state('connected');
        return result;
      } catch (e) {
        if (signal.aborted) return null;
        let ms: number;
        if (e instanceof RateLimitedError) {
          ms = e.waitMs === null ? this.#backoff.next('rate-limit') : Math.min(Math.max(1000, e.waitMs), MAX_RATE_LIMIT_WAIT_MS);
          if (e.waitMs !== null) this.#backoff.next('rate-limit');
          tracker.error(e.kind, `${e.message}; waiting ${secondsText(ms)}`);
          tracker.state('rate-limited', clock.now() + ms);
        } else if (e instanceof TransientError) {
          ms = this.#backoff.next('server');
          tracker.error(e.kind, `${e.message}; trying again in ${secondsText(ms)}`);
          tracker.state('backing-off', clock.now() + ms);
        } else if (e instanceof AuthError) {
          ms = this.#d.authRetryMs;
          this.#authFailed = true;
          tracker.error('auth', `${e.message}; trying again in ${secondsText(ms)}`);
          tracker.state('failed');
        } else throw e;
        await clock.sleep(ms, signal);
      }
    }
  }
}
