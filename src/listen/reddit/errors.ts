/**
 * What can go wrong talking to Reddit, sorted by what the connector does about it:
 * - TransientError: network failure, timeout, HTTP 5xx — back off and retry the same request;
 * - RateLimitedError: HTTP 429 or `RATELIMIT` inside an HTTP 200 — wait as long as Reddit says;
 * - AuthError: credentials refused (also a 401 that survives one token refresh) — needs a person;
 * - RequestRefusedError: any other 4xx (private or unknown subreddit, bad query), or errors other
 *   than RATELIMIT inside an HTTP 200 — skip that feed until the next round.
 * `kind` is the SourceError kind reported in the source's status.
 */
export class RedditError extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'RedditError';
  }
}

export class TransientError extends RedditError {}

export class AuthError extends RedditError {
  constructor(message: string) {
    super('auth', message);
  }
}

export class RequestRefusedError extends RedditError {
  readonly status: number;
  constructor(kind: string, status: number, message: string) {
    super(kind, message);
    this.status = status;
  }
}

export class RateLimitedError extends RedditError {
  /** How long Reddit asked to wait, in ms; null when it did not say (the caller backs off). */
  readonly waitMs: number | null;
  constructor(kind: string, message: string, waitMs: number | null) {
    super(kind, message);
    this.waitMs = waitMs;
  }
}

/** The message of anything thrown, for error reports. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
