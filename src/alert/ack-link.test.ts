import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signAckLink, verifyAckLink } from './ack-link.ts';

const secret = 'a-test-secret-of-32-bytes-length';
const claims = { alertId: 'alert_42', user: 'alice', expiresAt: Date.parse('2025-01-14T12:00:00Z') };

test('a signed link verifies before expiry and gives back its claims', () => {
  const token = signAckLink(secret, claims);
  assert.match(token, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  assert.equal(encodeURIComponent(token), token);
  assert.deepEqual(verifyAckLink(secret, token, claims.expiresAt - 1), { ok: true, claims });
});

test('expired, altered, foreign-secret and malformed tokens are refused with the reason', () => {
  const token = signAckLink(secret, claims);
  const r1 = verifyAckLink(secret, token, claims.expiresAt);
  assert.equal(r1.ok, false);
  assert.equal(!r1.ok && r1.reason, 'expired');
  // Another user's claims with the original signature.
  const [v, , sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ a: 'alert_42', u: 'mallory', e: claims.expiresAt })).toString('base64url');
  const r2 = verifyAckLink(secret, `${v}.${forged}.${sig}`, 0);
  assert.equal(!r2.ok && r2.reason, 'bad_signature');
  const r3 = verifyAckLink('another-secret-of-32-bytes-length', token, 0);
  assert.equal(!r3.ok && r3.reason, 'bad_signature');
  // A truncated signature is refused (no length leak, no crash).
  const r4 = verifyAckLink(secret, token.slice(0, -2), 0);
  assert.equal(!r4.ok && r4.reason, 'bad_signature');
  for (const bad of ['', 'abc', 'v1.a.b.c', 'v2.abc.def', 'v1.a+b.cd', 'v1..x']) {
    const r = verifyAckLink(secret, bad, 0);
    assert.equal(!r.ok && r.reason, 'malformed', bad);
  }
});

test('weak secrets and bad claims are refused when signing', () => {
  assert.throws(() => signAckLink('short', claims), /at least 16/);
  assert.throws(() => signAckLink(secret, { ...claims, expiresAt: 1.5 }), /expiresAt must be an epoch time/);
  assert.throws(() => signAckLink(secret, { ...claims, alertId: '' }), /alertId must not be empty/);
  assert.throws(() => verifyAckLink('short', 'v1.a.b', 0), /at least 16/);
});
