/**
 * One HTTP POST of a rendered notification, shared by the Slack, Teams and webhook channels, and
 * the classification of its outcome into a `DeliveryResult`:
 * - 2xx → delivered;
 * - timeouts, connection errors, 408/425/429 and 5xx → retryable (with `Retry-After` when sent);
 * - other 4xx, redirects, TLS certificate errors and bad targets → permanent (dead-letter list).
 * It never throws for a delivery failure: every outcome is a value. Each call has its own timeout
 * and its own connection, so a slow endpoint never holds another send back.
 */
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

/** Posts `body` as JSON to `url`. Never throws. */
export async function postJson(url: URL, body: string, options: PostOptions): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Vigie-Alerts/0.1', ...options.headers },
      body,
      signal,
      redirect: 'manual',
    });
    const text = await readCapped(res);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), (options.now ?? Date.now)());
    const location = res.headers.get('location') ?? undefined;
    return {
      kind: 'answer',
      status: res.status,
      body: text,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(location !== undefined ? { location } : {}),
    };
  } catch (err) {
    if (options.signal?.aborted && !timeout.aborted) {
      return { kind: 'failed', result: { ok: false, retryable: true, error: `${options.service}: delivery aborted before an answer` } };
    }
    if (timeout.aborted) {
      return {
        kind: 'failed',
        result: { ok: false, retryable: true, error: `${options.service}: no answer within ${options.timeoutMs} ms (timeout)` },
      };
    }
    const code = errorCode(err);
    if (code !== undefined && TLS_PERMANENT.has(code)) {
      return {
        kind: 'failed',
        result: {
          ok: false,
          retryable: false,
          error: `${options.service}: TLS certificate refused (${code}) for ${url.host}; fix the receiver's certificate`,
        },
      };
    }
    const detail = code ?? (err instanceof Error ? err.message : String(err));
    return {
      kind: 'failed',
      result: { ok: false, retryable: true, error: `${options.service}: connection to ${url.host} failed (${detail})` },
    };
  }
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

/** Reads at most MAX_BODY_BYTES of the answer, then drops the rest. */
async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

/** The system error code (ECONNREFUSED, CERT_HAS_EXPIRED…) fetch hides in `cause`. */
function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
