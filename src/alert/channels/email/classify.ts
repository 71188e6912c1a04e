/**
 * Turns an SMTP delivery failure (as nodemailer reports it) into a DeliveryResult: retry what may
 * succeed later, dead-letter what will not. Rules (RFC 5321 reply classes first, then the error kind):
 * - a 4xx reply (421 busy, 450 mailbox unavailable, 451, 452, 454 temporary auth failure…) → retryable;
 * - a 5xx reply (550 no such user, 535 bad credentials, 554…) → permanent;
 * - no reply: timeouts, refused or dropped connections, socket and DNS errors → retryable;
 * - TLS failures (bad certificate, STARTTLS refused) and configuration, authentication or
 *   envelope errors without a reply → permanent: they need an operator, not a retry.
 * Unknown errors are retried (they end in the dead-letter list if they persist).
 */
import type { DeliveryResult } from '../../message.ts';

const RETRYABLE_CODES = new Set(['ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);
const PERMANENT_CODES = new Set(['ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EPROTOCOL']);
/** Node TLS errors surface as socket errors with these codes; a retry will not fix a certificate. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;
/**
 * nodemailer reports certificate failures as ESOCKET and keeps only Node's message ("certificate
 * has expired", "self-signed certificate", "Hostname/IP does not match certificate's altnames",
 * "unable to verify the first certificate", "…SSL routines…wrong version number").
 */
const TLS_MESSAGE = /certificate|self[- ]signed|altnames|SSL routines|wrong version number/i;

/** The fields of a nodemailer error that matter here (it is an Error with extra fields). */
interface SmtpErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  cause?: unknown;
}

/** Classifies a failure thrown by nodemailer's sendMail. Never throws. */
export function classifySmtpError(err: unknown): DeliveryResult & { ok: false } {
  const e: SmtpErrorLike = typeof err === 'object' && err !== null ? (err as SmtpErrorLike) : { message: String(err) };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' && Number.isInteger(e.responseCode) ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'unknown SMTP error';
  const causeCode =
    typeof e.cause === 'object' && e.cause !== null && typeof (e.cause as { code?: unknown }).code === 'string'
      ? ((e.cause as { code: string }).code)
      : undefined;
  const where = [code, command ? `during ${command}` : undefined].filter(Boolean).join(' ');
  const error = `SMTP ${responseCode ?? 'error'}${where ? ` (${where})` : ''}: ${message}`;

  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return { ok: false, retryable: true, status: responseCode, error };
  }
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    return { ok: false, retryable: false, status: responseCode, error };
  }
  const isTls =
    code === 'ETLS' ||
    (code !== undefined && TLS_CODE.test(code)) ||
    (causeCode !== undefined && TLS_CODE.test(causeCode)) ||
    ((code === 'ESOCKET' || code === undefined) && TLS_MESSAGE.test(message));
  if (isTls) return { ok: false, retryable: false, error: `${error} (TLS: check the server's certificate and the secure/requireTLS options)` };
  if (code !== undefined && PERMANENT_CODES.has(code)) return { ok: false, retryable: false, error };
  if (code !== undefined && RETRYABLE_CODES.has(code)) return { ok: false, retryable: true, error };
  return { ok: false, retryable: true, error };
}
