/**
 * The HTTP side of the X connector: bearer auth, per-endpoint rate limits read from the headers,
 * and every failure sorted into the kinds X's back-off rules tell apart (network, HTTP, 429),
 * plus auth failures that need a person and answers that are not the JSON expected.
 */
import type { LiveClock, RateLimitState } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { BackoffKind } from './backoff.ts';
import { rateLimitWait, readRateLimit } from './rate-limit.ts';

export type XEndpoint = 'stream' | 'rules' | 'search';

export type XFailure =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; message: string }
  | { kind: 'auth'; status: number; message: string }
  /** status 429, or 0 when no request was made because the window is spent. */
  | { kind: 'rate-limit'; status: number; message: string; resetAt: number | null }
  | { kind: 'parse'; message: string }
  | { kind: 'aborted'; message: string };

export type XResult<T> = { ok: true; value: T } | { ok: false; failure: XFailure };

/** Which documented back-off schedule follows a failure. */
export function backoffKind(f: XFailure): BackoffKind {
  if (f.kind === 'network') return 'network';
  if (f.kind === 'rate-limit') return 'rate-limit';
  return 'http';
}

/** The status tracker's error kind for a failure. */
export function errorKind(f: XFailure): string {
  switch (f.kind) {
    case 'network':
      return 'tcp';
    case 'http':
      return f.status >= 500 ? 'http-5xx' : `http-${f.status}`;
    case 'auth':
      return 'auth';
    case 'rate-limit':
      return 'http-429';
    case 'parse':
      return 'parse';
    case 'aborted':
      return 'aborted';
  }
}

/** One readable sentence from an X error body (problem object, v1.1-style errors, or text). */
export function problemText(body: string): string {
  try {
    const v: unknown = JSON.parse(body);
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const first = Array.isArray(o.errors) && typeof o.errors[0] === 'object' && o.errors[0] !== null ? (o.errors[0] as Record<string, unknown>) : undefined;
      const parts = [o.title, o.detail, o.connection_issue, first?.title, first?.message, first?.detail].filter(
        (p): p is string => typeof p === 'string' && p !== '',
      );
      if (parts.length > 0) return [...new Set(parts)].join(': ').slice(0, 300);
    }
  } catch {
    // not JSON: the text itself
  }
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return text === '' ? 'empty body' : JSON.stringify(text);
}

function networkMessage(e: unknown, what: string): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  const msg = cause instanceof Error ? cause.message : String(cause);
  return `${what}: ${code !== null && !msg.includes(code) ? `${code} ${msg}` : msg}`;
}

export interface XApiOptions {
  apiBaseUrl: string;
  bearerToken: string;
  requestTimeoutSeconds: number;
}

export class XApi {
  readonly #o: XApiOptions;
  readonly #clock: LiveClock;
  readonly #tracker: StatusTracker;
  readonly #limits = new Map<XEndpoint, RateLimitState>();

  constructor(options: XApiOptions, clock: LiveClock, tracker: StatusTracker) {
    this.#o = options;
    this.#clock = clock;
    this.#tracker = tracker;
  }

  get baseUrl(): string {
    return this.#o.apiBaseUrl;
  }

  url(path: string, params: Record<string, string | undefined> = {}): string {
    const u = new URL(this.#o.apiBaseUrl + path);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  /** How long to wait before calling `endpoint` (its window is spent), in ms; 0 when free. */
  waitFor(endpoint: XEndpoint): { ms: number; resetAt: number | null } {
    const state = this.#limits.get(endpoint);
    const ms = rateLimitWait(state, this.#clock.now());
    return { ms, resetAt: ms > 0 ? (state?.resetAt ?? null) : null };
  }

  #noteHeaders(endpoint: XEndpoint, res: Response): RateLimitState | null {
    this.#tracker.received();
    const rl = readRateLimit(res.headers);
    if (rl !== null) {
      this.#limits.set(endpoint, rl);
      this.#tracker.rateLimit(rl);
    }
    return rl;
  }

  /** A failure for a non-2xx answer. */
  #failure(status: number, body: string, rl: RateLimitState | null, what: string): XFailure {
    const detail = problemText(body);
    if (status === 429) return { kind: 'rate-limit', status, message: `${what}: rate limited by X (HTTP 429): ${detail}`, resetAt: rl?.resetAt ?? null };
    if (status === 401 || status === 403) {
      return {
        kind: 'auth',
        status,
        message: `${what}: X refused the bearer token (HTTP ${status}): ${detail}; check the source's bearerToken and the app's access level (filtered stream needs Pro or Enterprise)`,
      };
    }
    return { kind: 'http', status, message: `${what}: HTTP ${status}: ${detail}` };
  }

  /** A JSON request; the answer's body parsed (any JSON value: callers check its shape). */
  async json(
    endpoint: XEndpoint,
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | undefined>,
    body: unknown,
    signal: AbortSignal,
  ): Promise<XResult<unknown>> {
    const what = `${method} ${path}`;
    const spent = this.waitFor(endpoint);
    if (spent.ms > 0) {
      // status 0: no request made, the window is spent (x-rate-limit-remaining: 0); wait for its reset.
      const until = new Date(spent.resetAt ?? this.#clock.now()).toISOString();
      return { ok: false, failure: { kind: 'rate-limit', status: 0, message: `${what}: no request left in X's rate-limit window until ${until}`, resetAt: spent.resetAt } };
    }
    const timeout = AbortSignal.timeout(this.#o.requestTimeoutSeconds * 1000);
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.url(path, params), {
        method,
        headers: {
          authorization: `Bearer ${this.#o.bearerToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout]),
      });
      text = await res.text();
    } catch (e) {
      if (signal.aborted) return { ok: false, failure: { kind: 'aborted', message: `${what}: stopped` } };
      if (timeout.aborted) return { ok: false, failure: { kind: 'network', message: `${what}: no answer within ${this.#o.requestTimeoutSeconds} s` } };
      return { ok: false, failure: { kind: 'network', message: networkMessage(e, `${what}: cannot reach ${this.#o.apiBaseUrl}`) } };
    }
    const rl = this.#noteHeaders(endpoint, res);
    if (res.status < 200 || res.status > 299) return { ok: false, failure: this.#failure(res.status, text, rl, what) };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, failure: { kind: 'parse', message: `${what}: the answer is not JSON (${e instanceof Error ? e.message : String(e)})` } };
    }
  }

  /**
   * Opens the filtered stream. On success the caller reads `response.body` and calls `close()`
   * when done (it aborts the request and frees the socket).
   */
  async openStream(path: string, params: Record<string, string>, signal: AbortSignal): Promise<XResult<{ response: Response; close: () => void }>> {
    const what = `GET ${path}`;
    const ctrl = new AbortController();
    const close = (): void => ctrl.abort();
    // The timeout covers the headers only (a cleared timer): the body is watched by the stall timer.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.#o.requestTimeoutSeconds * 1000);
    let res: Response;
    try {
      res = await fetch(this.url(path, params), {
        headers: { authorization: `Bearer ${this.#o.bearerToken}` },
        signal: AbortSignal.any([signal, ctrl.signal]),
      });
    } catch (e) {
      clearTimeout(timer);
      close();
      if (signal.aborted) return { ok: false, failure: { kind: 'aborted', message: `${what}: stopped` } };
      if (timedOut) return { ok: false, failure: { kind: 'network', message: `${what}: no answer within ${this.#o.requestTimeoutSeconds} s` } };
      return { ok: false, failure: { kind: 'network', message: networkMessage(e, `${what}: cannot reach ${this.#o.apiBaseUrl}`) } };
    }
    const rl = this.#noteHeaders('stream', res);
    if (res.status !== 200 || res.body === null) {
      let text = '';
      try {
        text = await res.text();
      } catch {
        // the body of an error answer is only used for its message (the timer bounds the wait)
      }
      clearTimeout(timer);
      close();
      if (res.status === 409) {
        return { ok: false, failure: { kind: 'http', status: 409, message: `${what}: X has no stream rules for this app (HTTP 409): ${problemText(text)}` } };
      }
      return { ok: false, failure: this.#failure(res.status, text, rl, what) };
    }
    // Once the headers are in, only the stall timer may end the connection.
    clearTimeout(timer);
    return { ok: true, value: { response: res, close } };
  }
}
