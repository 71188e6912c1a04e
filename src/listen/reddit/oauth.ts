/**
 * OAuth tokens for a Reddit "script" app: the password grant (`grant_type=password` with the
 * account's username and password) or, without them, application-only access
 * (`grant_type=client_credentials`); both with HTTP Basic auth `client_id:client_secret` and the
 * descriptive User-Agent. A token is kept until shortly before its `expires_in` (read from the
 * answer; 3600 s is assumed only when the answer has none) and obtained again then, or at once
 * after the API said 401 (`invalidate()`). Script apps get no refresh token: a new one is asked.
 */
import type { LiveClock } from '../live/live-source.ts';
import { isObject, parseJson, str } from '../import/json-access.ts';
import type { RedditSourceConfig } from './config.ts';
import { AuthError, RateLimitedError, TransientError } from './errors.ts';
import { httpRequest } from './http.ts';
import { retryAfterMs } from './rate-limit.ts';

/** Used when the token answer has no usable `expires_in` (the wiki's value). */
export const ASSUMED_EXPIRES_IN_S = 3600;

export interface RedditToken {
  value: string;
  scope: string | null;
  expiresInSeconds: number;
  obtainedAt: number;
  /** When it is obtained again: a minute before it expires, or halfway for short-lived tokens. */
  renewAt: number;
}

export type TokenConfig = Pick<RedditSourceConfig, 'clientId' | 'clientSecret' | 'username' | 'password' | 'tokenUrl' | 'requestTimeoutSeconds'>;

const APPS = 'https://www.reddit.com/prefs/apps';

function refusal(error: string): string {
  switch (error) {
    case 'invalid_grant':
      return 'Reddit refused the username or password (invalid_grant): check them in the source; an account with two-factor authentication cannot use the password grant';
    case 'unsupported_grant_type':
      return `Reddit refused the grant type (unsupported_grant_type): the app at ${APPS} must be of type "script"`;
    default:
      return `Reddit's token endpoint refused the request (${error.slice(0, 100)}): check the app's credentials at ${APPS}`;
  }
}

export class RedditTokens {
  readonly #config: TokenConfig;
  readonly #clock: LiveClock;
  readonly #userAgent: string;
  #token: RedditToken | null = null;

  constructor(config: TokenConfig, clock: LiveClock, userAgent: string) {
    this.#config = config;
    this.#clock = clock;
    this.#userAgent = userAgent;
  }

  /** The current token, obtained first when there is none or it is due for renewal. */
  async get(signal: AbortSignal): Promise<string> {
    const t = this.#token;
    if (t !== null && this.#clock.now() < t.renewAt) return t.value;
    return (await this.obtain(signal)).value;
  }

  /** Forget the token (after a 401): the next `get` obtains a new one. */
  invalidate(): void {
    this.#token = null;
  }

  /** Asks the token endpoint for a new token. Throws AuthError, RateLimitedError or TransientError. */
  async obtain(signal: AbortSignal): Promise<RedditToken> {
    const c = this.#config;
    const form = new URLSearchParams(
      c.username !== undefined && c.password !== undefined
        ? { grant_type: 'password', username: c.username, password: c.password }
        : { grant_type: 'client_credentials' },
    );
    const obtainedAt = this.#clock.now();
    const res = await httpRequest({
      method: 'POST',
      url: c.tokenUrl,
      headers: {
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
        'user-agent': this.#userAgent,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      timeoutMs: c.requestTimeoutSeconds * 1000,
      signal,
    });
    if (res.status === 401 || res.status === 403) {
      throw new AuthError(`Reddit refused the app's client id or secret (HTTP ${res.status}): check clientId and clientSecret at ${APPS}`);
    }
    if (res.status === 429) throw new RateLimitedError('http-429', 'the token endpoint answered 429 Too Many Requests', retryAfterMs(res.headers));
    if (res.status >= 500) throw new TransientError('http-5xx', `the token endpoint answered HTTP ${res.status}`);
    const parsed = parseJson(res.text);
    const body = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
    const error = str(body, 'error') ?? (typeof body?.error === 'number' ? `HTTP ${body.error}` : undefined);
    if (error !== undefined) throw new AuthError(refusal(error));
    if (res.status !== 200) throw new AuthError(`the token endpoint answered HTTP ${res.status}: check tokenUrl and the app's credentials at ${APPS}`);
    const value = str(body, 'access_token');
    if (value === undefined || value === '' || /\s/.test(value)) {
      throw new TransientError('token', `the token endpoint answered without an access_token (${parsed.ok ? 'no usable access_token field' : parsed.reason})`);
    }
    const e = body?.expires_in;
    const expiresInSeconds = typeof e === 'number' && Number.isFinite(e) && e > 0 ? e : ASSUMED_EXPIRES_IN_S;
    const lifeMs = expiresInSeconds * 1000;
    const token: RedditToken = {
      value,
      scope: str(body, 'scope') ?? null,
      expiresInSeconds,
      obtainedAt,
      renewAt: obtainedAt + Math.max(lifeMs - 60_000, lifeMs / 2),
    };
    this.#token = token;
    return token;
  }
}
