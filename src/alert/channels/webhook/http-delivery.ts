/**
 * One HTTP POST of a rendered notification, shared by the Slack, Teams and webhook channels, and
 * the classification of its outcome into a `DeliveryResult`:
 * - 2xx → delivered;
 * - timeouts, connection errors, 408/425/429 and 5xx → retryable (with `Retry-After` when sent);
 * - other 4xx, redirects, TLS certificate errors and bad targets → permanent (dead-letter list).
 * It never throws for a delivery failure: every outcome is a value. Each call has its own timeout;
 * connections are pooled per host (keep-alive, at most 64 each), so a slow endpoint never holds
 * another host's sends back.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DeliveryResult } from '../../message.ts';
import { parseRetryAfter } from '../render/retry-after.ts';

/** Default time allowed for one delivery attempt (connect, send, answer). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** How much of an answer body is read (error codes and messages are short; the rest is dropped). */
const MAX_BODY_BYTES = 4096;

export interface PostOptions {
  /** Name of the service for error messages ("Slack", "Teams", "webhook"). */
  service: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Aborts the attempt (shutdown); the result is then a retryable failure. */
  signal?: AbortSignal;
  /** Clock for `Retry-After` dates. */
  now?: () => number;
}

/** What came back: an HTTP answer to classify, or a failure already classified (no answer). */
export type HttpOutcome =
  | { kind: 'answer'; status: number; body: string; retryAfterMs?: number; location?: string }
  | { kind: 'failed'; result: DeliveryResult & { ok: false } };

/** TLS errors that only a change on the receiver's side fixes: retrying is pointless. */
const TLS_PERMANENT = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
]);

/**
 * Pooled keep-alive connections per scheme (node:http rather than fetch: a page costs about half
 * the CPU, which matters when thousands are due at once). At most 64 sockets per host.
 */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
} as const;

/** An answer body beyond this is not drained (the connection is closed instead of reused). */
const MAX_DRAIN_BYTES = 65_536;

/** Posts `body` as JSON to `url`. Never throws. */
export function postJson(url: URL, body: string, options: PostOptions): Promise<HttpOutcome> {
  return new Promise<HttpOutcome>((resolve) => {
    const fail = (retryable: boolean, error: string): HttpOutcome => ({ kind: 'failed', result: { ok: false, retryable, error } });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      resolve(fail(false, `${options.service}: cannot post to a ${url.protocol} URL; use https://`));
      return;
    }
    let settled = false;
    const done = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const payload = Buffer.from(body, 'utf8');
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: AGENTS[url.protocol],
        headers: { 'content-type': 'application/json', 'user-agent': 'Vigie-Alerts/0.1', ...options.headers, 'content-length': payload.byteLength },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.byteLength;
          if (size > MAX_DRAIN_BYTES) res.destroy();
        });
        const answer = (): void => {
          const header = (name: string): string | undefined => {
            const v = res.headers[name];
            return Array.isArray(v) ? v[0] : v;
          };
          const retryAfterMs = parseRetryAfter(header('retry-after') ?? null, (options.now ?? Date.now)());
          const location = header('location');
          done({
            kind: 'answer',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            ...(location !== undefined ? { location } : {}),
          });
        };
        res.on('end', answer);
        // A body cut short after the status arrived: the status is the answer.
        res.on('close', answer);
        res.on('error', answer);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done(fail(true, `${options.service}: no answer within ${options.timeoutMs} ms (timeout)`));
    }, options.timeoutMs);
    const onAbort = (): void => {
      req.destroy();
      done(fail(true, `${options.service}: delivery aborted before an answer`));
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      const code = errorCode(err);
      if (code !== undefined && TLS_PERMANENT.has(code)) {
        done(fail(false, `${options.service}: TLS certificate refused (${code}) for ${url.host}; fix the receiver's certificate`));
        return;
      }
      done(fail(true, `${options.service}: connection to ${url.host} failed (${code ?? (err instanceof Error ? err.message : String(err))})`));
    });
    req.end(payload);
  });
}

/** Generic classification of an HTTP answer; channels refine it with their own error codes. */
export function classifyAnswer(answer: Extract<HttpOutcome, { kind: 'answer' }>, service: string): DeliveryResult {
  const { status } = answer;
  if (status >= 200 && status < 300) return { ok: true, status };
  const snippet = answer.body.trim().slice(0, 200);
  const said = snippet === '' ? '' : `: ${snippet}`;
  const retryAfter = answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {};
  if (status >= 300 && status < 400) {
    const to = answer.location ? ` to ${answer.location}` : '';
    return { ok: false, retryable: false, status, error: `${service} redirected (HTTP ${status})${to}; configure the final URL` };
  }
  if (status === 429) {
    return { ok: false, retryable: true, status, error: `${service} rate limit (HTTP 429)${said}`, ...retryAfter };
  }
  if (status === 408 || status === 425 || status >= 500) {
    return { ok: false, retryable: true, status, error: `${service} answered HTTP ${status}${said}`, ...retryAfter };
  }
  return { ok: false, retryable: false, status, error: `${service} refused the message (HTTP ${status})${said}` };
}

/** The system error code (ECONNREFUSED, CERT_HAS_EXPIRED…), on the error or its `cause`. */
function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
