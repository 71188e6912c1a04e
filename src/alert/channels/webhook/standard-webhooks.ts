/**
 * Signing and verification per the Standard Webhooks specification (v1): the sender adds
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, several space-separated signatures
 * allowed during a secret rotation). The key is the base64 part of a `whsec_…` secret.
 * Exported for receivers: `verifyWebhook` is what a customer's endpoint (and our tests) run.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Default allowed clock difference between sender and receiver (the spec's recommendation). */
export const DEFAULT_TOLERANCE_SEC = 300;

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The decoded key, or what is wrong with the secret. */
export type SecretCheck = { ok: true; key: Buffer } | { ok: false; error: string };

/** Reads a `whsec_<base64>` secret (the prefix may be left out); the key must be 24 to 64 bytes. */
export function parseWebhookSecret(secret: unknown): SecretCheck {
  if (typeof secret !== 'string' || secret === '') {
    return { ok: false, error: 'secret: missing; generate one with `whsec_` + base64 of 32 random bytes' };
  }
  const b64 = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) {
    return { ok: false, error: 'secret: the part after "whsec_" is not valid base64; copy the whole secret' };
  }
  const key = Buffer.from(b64, 'base64');
  if (key.length < 24 || key.length > 64) {
    return { ok: false, error: `secret: decodes to ${key.length} bytes; Standard Webhooks keys are 24 to 64 bytes` };
  }
  return { ok: true, key };
}

/** A fresh secret for a new webhook endpoint: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/**
 * The `webhook-signature` value (`v1,<base64>`) for one message. Throws a clear error on a bad
 * secret or id (programming or configuration error: check with `parseWebhookSecret` first).
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const key = signingKey(secret);
  if (!key.ok) throw new Error(`signWebhook: ${key.error}`);
  if (id === '') throw new Error('signWebhook: id must not be empty');
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new Error('signWebhook: timestamp must be whole Unix seconds');
  return 'v1,' + hmac(key.key, id, String(timestamp), body).toString('base64');
}

/** HMAC keys of valid secrets, parsed and built once each (once per signature was a hot spot); bounded. */
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 256;

function signingKey(secret: string): { ok: true; key: KeyObject } | { ok: false; error: string } {
  const cached = keys.get(secret);
  if (cached !== undefined) return { ok: true, key: cached };
  const parsed = parseWebhookSecret(secret);
  if (!parsed.ok) return parsed;
  const key = createSecretKey(parsed.key);
  if (keys.size >= MAX_CACHED_KEYS) keys.clear();
  keys.set(secret, key);
  return { ok: true, key };
}

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; error: string };

/**
 * Checks a received webhook: the three headers are present, the timestamp is within
 * `toleranceSec` of `now` (replay protection), and one of the `v1` signatures matches the raw body
 * (compared in constant time). `body` must be the exact bytes received, not re-serialised JSON.
 */
export function verifyWebhook(
  secret: string,
  headers: HeaderBag,
  body: string | Uint8Array,
  options: { toleranceSec?: number; now?: number } = {},
): VerifyResult {
  const key = signingKey(secret);
  if (!key.ok) return { ok: false, error: key.error };
  const id = header(headers, 'webhook-id');
  const ts = header(headers, 'webhook-timestamp');
  const sig = header(headers, 'webhook-signature');
  if (id === undefined || ts === undefined || sig === undefined) {
    return { ok: false, error: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  }
  if (!/^\d+$/.test(ts)) return { ok: false, error: `webhook-timestamp "${ts}" is not Unix seconds` };
  const timestamp = Number(ts);
  const nowSec = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  if (Math.abs(nowSec - timestamp) > tolerance) {
    return { ok: false, error: `webhook-timestamp is ${nowSec - timestamp} s away from now (tolerance ${tolerance} s)` };
  }
  const expected = hmac(key.key, id, ts, body);
  for (const part of sig.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(part.slice(comma + 1), 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, error: 'no v1 signature matches the body' };
}

function hmac(key: KeyObject, id: string, ts: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest();
}

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    return Array.isArray(v) ? v.join(' ') : v;
  }
  return undefined;
}
