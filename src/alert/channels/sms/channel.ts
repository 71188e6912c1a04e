/**
 * The SMS channel: sends an AlertMessage through a Twilio-compatible HTTP API
 * (`POST {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json`, form-encoded To, From and Body,
 * HTTP basic auth with the account SID and auth token). The body says severity, brand, title and
 * the ack link in at most 320 characters (body.ts). Each send has a deadline, never throws for a
 * delivery failure, and returns a DeliveryResult saying whether to retry (http-result.ts).
 */
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { messageProblem } from '../render/message-check.ts';
import { renderSms } from './body.ts';
import { classifyFetchError, classifyHttpFailure } from './http-result.ts';

export interface SmsChannelOptions {
  /** The API's base URL, e.g. https://api.twilio.com (no trailing path needed). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The sender: an E.164 number (+33612345678) or an alphanumeric sender ID (1–11 characters, one letter at least). */
  from: string;
  /** Deadline of one send in ms (default 15,000). */
  timeoutMs?: number;
}

/** E.164: a plus, then 7 to 15 digits, the first not 0. */
const E164 = /^\+[1-9]\d{6,14}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** True when `to` is a phone number in E.164 form (what an SMS target must be). */
export function isE164(to: string): boolean {
  return E164.test(to);
}

/**
 * Creates the SMS channel. Throws at creation (a configuration error, not a delivery failure) when
 * an option is invalid, naming it.
 */
export function createSmsChannel(options: SmsChannelOptions): Channel<{ to: string }> & { readonly kind: 'sms' } {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new Error(`sms channel: option "baseUrl" must be an absolute http(s) URL such as https://api.twilio.com (got ${JSON.stringify(options.baseUrl)})`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`sms channel: option "baseUrl" must use http or https (got ${JSON.stringify(options.baseUrl)})`);
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.accountSid ?? '')) {
    throw new Error('sms channel: option "accountSid" must be 1–64 letters, digits, "_" or "-" (a Twilio SID looks like AC followed by 32 hex digits)');
  }
  if (typeof options.authToken !== 'string' || options.authToken === '' || /[\r\n]/.test(options.authToken)) {
    throw new Error('sms channel: option "authToken" must be a non-empty single-line string');
  }
  if (!E164.test(options.from ?? '') && !ALPHANUMERIC_SENDER.test(options.from ?? '')) {
    throw new Error(`sms channel: option "from" must be an E.164 number such as +33612345678 or an alphanumeric sender ID of 1–11 characters (got ${JSON.stringify(options.from)})`);
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`sms channel: option "timeoutMs" must be a positive integer of milliseconds (got ${options.timeoutMs})`);
  }
  const endpoint = `${base.href.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`, 'utf8').toString('base64')}`;

  async function send(message: AlertMessage, target: { to: string }, opts?: { signal?: AbortSignal }): Promise<DeliveryResult> {
    if (typeof target?.to !== 'string' || !E164.test(target.to)) {
      return { ok: false, retryable: false, error: `sms target: field "to" must be a phone number in E.164 form such as +33612345678 (got ${JSON.stringify(target?.to)})` };
    }
    const problem = messageProblem(message);
    if (problem !== null) return { ok: false, retryable: false, error: problem };
    const rendered = renderSms(message);
    if (!rendered.ok) return { ok: false, retryable: false, error: rendered.error };
    if (opts?.signal?.aborted) return { ok: false, retryable: true, error: 'SMS send aborted before it started' };

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts?.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'user-agent': 'Vigie',
        },
        body: new URLSearchParams({ To: target.to, From: options.from, Body: rendered.body }).toString(),
        signal,
        redirect: 'error',
      });
      const text = await response.text();
      if (response.ok) {
        const sid = readJson(text)?.sid;
        return { ok: true, status: response.status, ...(typeof sid === 'string' ? { providerId: sid } : {}) };
      }
      return classifyHttpFailure(response.status, response.headers.get('retry-after'), providerError(text));
    } catch (err) {
      return classifyFetchError(err, { timedOut: timeout.aborted, timeoutMs });
    }
  }

  return { kind: 'sms', send };
}

function readJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Twilio errors are JSON `{code, message, more_info, status}`; other servers may answer text. */
function providerError(text: string): string {
  const json = readJson(text);
  if (json && typeof json.message === 'string') {
    return `${json.code !== undefined ? `error ${String(json.code)}: ` : ''}${json.message}${typeof json.more_info === 'string' ? ` (${json.more_info})` : ''}`;
  }
  return text.trim() === '' ? '(empty body)' : text.trim();
}
