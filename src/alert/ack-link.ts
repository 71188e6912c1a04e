/**
 * Signed, expiring one-click acknowledgement links. The token carries the alert, the user and the
 * expiry, signed with HMAC-SHA256 under a server secret; it is URL-safe (base64url) so it goes straight
 * into `…/ack/<token>`. Verification checks the signature in constant time before reading the
 * claims, then the expiry, and says why a token is refused (malformed, bad signature, expired).
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

export interface AckClaims {
  alertId: string;
  /** The user acknowledging (the one the page went to). */
  user: string;
  /** Epoch ms after which the link no longer works. */
  expiresAt: number;
}

export type AckVerifyResult =
  | { ok: true; claims: AckClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired'; detail: string };

/** Secrets shorter than this are refused: an HMAC key should carry at least 128 bits. */
export const MIN_SECRET_BYTES = 16;
const VERSION = 'v1';
/** Domain separation: these signatures cannot be replayed as another Vigie token. */
const CONTEXT = 'vigie-ack';

/** HMAC keys of string secrets, built once each (building one per signature was a hot spot); bounded. */
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 64;

function keyOf(secret: string | Uint8Array): KeyObject {
  if (typeof secret === 'string') {
    const cached = keys.get(secret);
    if (cached !== undefined) return cached;
  }
  const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (raw.length < MIN_SECRET_BYTES)
    throw new Error(
      `ack link secret is ${raw.length} bytes; it needs at least ${MIN_SECRET_BYTES} (generate one with: openssl rand -base64 32)`,
    );
  const key = createSecretKey(raw);
  if (typeof secret === 'string') {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

function mac(key: KeyObject, body: string): Buffer {
  return createHmac('sha256', key).update(`${CONTEXT}.${VERSION}.${body}`).digest();
}

/** A URL-safe token "v1.<claims>.<signature>" for the given claims. */
export function signAckLink(secret: string | Uint8Array, claims: AckClaims): string {
  const key = keyOf(secret);
  if (claims.alertId.length === 0) throw new Error('signAckLink: alertId must not be empty');
  if (claims.user.length === 0) throw new Error('signAckLink: user must not be empty');
  if (!Number.isSafeInteger(claims.expiresAt) || claims.expiresAt <= 0)
    throw new Error(`signAckLink: expiresAt must be an epoch time in ms (got ${claims.expiresAt})`);
  const body = Buffer.from(JSON.stringify({ a: claims.alertId, u: claims.user, e: claims.expiresAt }), 'utf8').toString('base64url');
  return `${VERSION}.${body}.${mac(key, body).toString('base64url')}`;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Checks a token at `now` (epoch ms): the claims, or why it is refused. */
export function verifyAckLink(secret: string | Uint8Array, token: string, now: number): AckVerifyResult {
  const key = keyOf(secret);
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 4096)
    return { ok: false, reason: 'malformed', detail: 'expected a token of three dot-separated parts' };
  const [version, body, sig] = parts as [string, string, string];
  if (version !== VERSION) return { ok: false, reason: 'malformed', detail: `unknown token version "${version.slice(0, 10)}"` };
  if (!B64URL.test(body) || !B64URL.test(sig)) return { ok: false, reason: 'malformed', detail: 'token parts are not base64url' };
  const expected = mac(key, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature', detail: 'the signature does not match (altered link or another secret)' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'claims are not JSON' };
  }
  const c = raw as { a?: unknown; u?: unknown; e?: unknown } | null;
  if (c === null || typeof c !== 'object' || typeof c.a !== 'string' || typeof c.u !== 'string' || typeof c.e !== 'number')
    return { ok: false, reason: 'malformed', detail: 'claims lack alertId, user or expiresAt' };
  if (now >= c.e)
    return { ok: false, reason: 'expired', detail: `the link expired at ${new Date(c.e).toISOString()}` };
  return { ok: true, claims: { alertId: c.a, user: c.u, expiresAt: c.e } };
}
