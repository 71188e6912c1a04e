/**
 * One GET on Reddit's OAuth API, classified: the JSON answer (or why it is not JSON), or a
 * RedditError saying what to do. A 401 obtains a new token and tries once more; a second 401 is
 * an AuthError. Errors inside an HTTP 200 (`json.errors`) become RateLimitedError for
 * `RATELIMIT` (waiting `json.ratelimit` seconds) and RequestRefusedError otherwise. The
 * rate-limit headers of every answer are kept (`rateLimit`) and reported to the status tracker.
 * No waiting and no retrying here: the caller decides (see request-loop.ts).
 */
import type { LiveClock, RateLimitState } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { RedditSourceConfig } from './config.ts';
import { AuthError, RateLimitedError, RequestRefusedError, TransientError } from './errors.ts';
import { httpRequest } from './http.ts';
import { parseBody } from './listing.ts';
import type { RedditTokens } from './oauth.ts';
import { readRedditRateLimit, retryAfterMs } from './rate-limit.ts';

export type ApiBody = { kind: 'json'; value: unknown; text: string } | { kind: 'invalid'; reason: string; text: string };

export type ApiConfig = Pick<RedditSourceConfig, 'apiBaseUrl' | 'requestTimeoutSeconds'>;

function refusedMessage(path: string, status: number, location: string | null): string {
  if (status >= 300 && status < 400) {
    return `Reddit redirected ${path} to ${location ?? 'another page'} (HTTP ${status}): check the subreddit name, and apiBaseUrl (https://oauth.reddit.com)`;
  }
  switch (status) {
    case 403:
      return `Reddit refused ${path} (HTTP 403): a private, quarantined or banned subreddit, or an app without the "read" scope`;
    case 404:
      return `Reddit has no ${path} (HTTP 404): check the subreddit name`;
    default:
      return `Reddit refused ${path} (HTTP ${status})`;
  }
}

export class RedditApi {
  readonly #config: ApiConfig;
  readonly #clock: LiveClock;
  readonly #tracker: StatusTracker;
  readonly #tokens: RedditTokens;
  readonly #userAgent: string;
  /** From the last answer that carried the headers. */
  rateLimit: RateLimitState | null = null;

  constructor(config: ApiConfig, clock: LiveClock, tracker: StatusTracker, tokens: RedditTokens, userAgent: string) {
    this.#config = config;
    this.#clock = clock;
    this.#tracker = tracker;
    this.#tokens = tokens;
    this.#userAgent = userAgent;
  }

  async get(path: string, params: Record<string, string>, signal: AbortSignal): Promise<ApiBody> {
    const query = new URLSearchParams(params).toString();
    const url = `${this.#config.apiBaseUrl}${path}${query === '' ? '' : `?${query}`}`;
    for (let attempt = 1; ; attempt++) {
      const token = await this.#tokens.get(signal);
      const res = await httpRequest({
        method: 'GET',
        url,
        headers: { authorization: `bearer ${token}`, 'user-agent': this.#userAgent, accept: 'application/json' },
        timeoutMs: this.#config.requestTimeoutSeconds * 1000,
        signal,
      });
      this.#tracker.received();
      const limits = readRedditRateLimit(res.headers, this.#clock.now());
      if (limits !== null) {
        this.rateLimit = limits;
        this.#tracker.rateLimit(limits);
      }
      if (res.status === 401) {
        this.#tokens.invalidate();
        if (attempt === 1) continue;
        throw new AuthError(`Reddit refused a freshly obtained token for ${path} (HTTP 401 twice): check the app's credentials and that the account is not suspended`);
      }
      if (res.status === 429) {
        const wait = limits?.resetAt != null ? limits.resetAt - this.#clock.now() : retryAfterMs(res.headers);
        throw new RateLimitedError('http-429', `Reddit answered 429 Too Many Requests for ${path}`, wait);
      }
      if (res.status === 408 || res.status >= 500) throw new TransientError('http-5xx', `Reddit answered HTTP ${res.status} for ${path}`);
      if (res.status < 200 || res.status >= 300) throw new RequestRefusedError(`http-${res.status}`, res.status, refusedMessage(path, res.status, res.headers.get('location')));
      if (res.invalidUtf8At !== null) return { kind: 'invalid', reason: `invalid UTF-8 at byte ${res.invalidUtf8At} of the answer`, text: res.text };
      const body = parseBody(res.text);
      if (body.kind === 'invalid') return { kind: 'invalid', reason: body.reason, text: res.text };
      if (body.kind === 'json') return { kind: 'json', value: body.value, text: res.text };
      const limited = body.errors.find((e) => e.code === 'RATELIMIT');
      if (limited !== undefined) {
        const wait = body.ratelimitSeconds === null ? null : Math.ceil(body.ratelimitSeconds * 1000);
        throw new RateLimitedError('ratelimit', `Reddit answered RATELIMIT inside HTTP 200 for ${path}: ${limited.message || 'no message'}`, wait);
      }
      const list = body.errors.map((e) => (e.message === '' ? e.code : `${e.code} (${e.message})`)).join(', ');
      throw new RequestRefusedError('api-error', res.status, `Reddit answered errors for ${path}: ${list}`);
    }
  }
}
