/**
 * Classifies the outcome of an HTTP delivery call (the SMS provider's API) as a DeliveryResult:
 * 2xx → delivered; 429 and 5xx → retryable, with the server's Retry-After when it gives one;
 * 408 → retryable; other 4xx (bad number, bad credentials, bad request) → permanent. Network
 * failures and timeouts → retryable; TLS certificate failures → permanent (they need an operator).
 */
import { parseRetryAfter } from '../render/retry-after.ts';
import type { DeliveryResult } from '../../message.ts';

const ERROR_TEXT_MAX = 500;
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;

export { parseRetryAfter };

/** A non-2xx answer as a failed DeliveryResult; `detail` is the provider's error, already summarised. */
export function classifyHttpFailure(status: number, retryAfter: string | null, detail: string, now = Date.now()): DeliveryResult & { ok: false } {
  const error = `HTTP ${status}: ${detail.length > ERROR_TEXT_MAX ? detail.slice(0, ERROR_TEXT_MAX) + '…' : detail}`;
  if (status === 429 || status >= 500 || status === 408) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return { ok: false, retryable: true, status, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { ok: false, retryable: false, status, error };
}

/** A thrown fetch error (network, TLS, abort) as a failed DeliveryResult. */
export function classifyFetchError(err: unknown, context: { timedOut: boolean; timeoutMs: number }): DeliveryResult & { ok: false } {
  if (context.timedOut) return { ok: false, retryable: true, error: `HTTP timeout: no answer within ${context.timeoutMs} ms` };
  const e = err as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  if (e?.name === 'AbortError') return { ok: false, retryable: true, error: 'HTTP request aborted' };
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  const detail = typeof e?.cause?.message === 'string' ? e.cause.message : typeof e?.message === 'string' ? e.message : String(err);
  if (code !== undefined && TLS_CODE.test(code)) {
    return { ok: false, retryable: false, error: `TLS error (${code}): ${detail} (check the provider URL and its certificate)` };
  }
  return { ok: false, retryable: true, error: `HTTP request failed${code ? ` (${code})` : ''}: ${detail}` };
}
