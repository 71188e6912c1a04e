import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { generateWebhookSecret, parseWebhookSecret, signWebhook, verifyWebhook } from './standard-webhooks.ts';

// Our own vector, computed independently with:
// printf 'dlv_test_0001.1700000000.{"hello":"vigie"}' | openssl dgst -sha256 -mac HMAC \
//   -macopt hexkey:<hex of "vigie-test-key-for-standard-webhooks-32by"> -binary | base64
const SECRET = 'whsec_dmlnaWUtdGVzdC1rZXktZm9yLXN0YW5kYXJkLXdlYmhvb2tzLTMyYnk=';
const ID = 'dlv_test_0001';
const TS = 1_700_000_000;
const BODY = '{"hello":"vigie"}';
const EXPECTED = 'v1,YxMSHM4HPdFDFIzevoBn/CVMeTVCQooZLBWyUwU4Jm0=';
const NOW = TS * 1000 + 10_000;

const headers = (sig: string, ts = String(TS)) => ({ 'webhook-id': ID, 'webhook-timestamp': ts, 'webhook-signature': sig });

test('signWebhook matches an independently computed vector, with or without the whsec_ prefix', () => {
  assert.equal(signWebhook(SECRET, ID, TS, BODY), EXPECTED);
  assert.equal(signWebhook(SECRET.slice('whsec_'.length), ID, TS, BODY), EXPECTED);
  assert.equal(signWebhook(SECRET, ID, TS, Buffer.from(BODY)), EXPECTED);
});

test('verifyWebhook accepts the right signature and returns id and timestamp', () => {
  assert.deepEqual(verifyWebhook(SECRET, headers(EXPECTED), BODY, { now: NOW }), { ok: true, id: ID, timestamp: TS });
  // Headers are matched case-insensitively, and a fetch Headers object works too.
  const upper = { 'Webhook-Id': ID, 'Webhook-Timestamp': String(TS), 'Webhook-Signature': EXPECTED };
  assert.equal(verifyWebhook(SECRET, upper, BODY, { now: NOW }).ok, true);
  assert.equal(verifyWebhook(SECRET, new Headers(headers(EXPECTED)), BODY, { now: NOW }).ok, true);
});

test('verifyWebhook accepts any of several space-separated signatures (secret rotation)', () => {
  const other = signWebhook(generateWebhookSecret(), ID, TS, BODY);
  assert.equal(verifyWebhook(SECRET, headers(`${other} ${EXPECTED}`), BODY, { now: NOW }).ok, true);
  assert.equal(verifyWebhook(SECRET, headers(`v2,abc ${other}`), BODY, { now: NOW }).ok, false);
});

test('verifyWebhook refuses a changed body, another secret, a changed id and a stale or future timestamp', () => {
  const bad = (r: ReturnType<typeof verifyWebhook>) => (r.ok ? 'accepted' : r.error);
  assert.match(bad(verifyWebhook(SECRET, headers(EXPECTED), BODY + ' ', { now: NOW })), /no v1 signature/);
  assert.match(bad(verifyWebhook(generateWebhookSecret(), headers(EXPECTED), BODY, { now: NOW })), /no v1 signature/);
  assert.match(bad(verifyWebhook(SECRET, { ...headers(EXPECTED), 'webhook-id': 'dlv_other' }, BODY, { now: NOW })), /no v1/);
  assert.match(bad(verifyWebhook(SECRET, headers(EXPECTED), BODY, { now: NOW + 400_000 })), /tolerance 300 s/);
  assert.match(bad(verifyWebhook(SECRET, headers(EXPECTED), BODY, { now: TS * 1000 - 400_000 })), /tolerance/);
  assert.equal(verifyWebhook(SECRET, headers(EXPECTED), BODY, { now: NOW + 400_000, toleranceSec: 600 }).ok, true);
  assert.match(bad(verifyWebhook(SECRET, headers(EXPECTED, '17e8'), BODY, { now: NOW })), /not Unix seconds/);
  assert.match(bad(verifyWebhook(SECRET, { 'webhook-id': ID }, BODY, { now: NOW })), /missing/);
});

test('secrets are validated with a message saying what to fix', () => {
  assert.equal(parseWebhookSecret(generateWebhookSecret()).ok, true);
  const err = (s: unknown) => {
    const r = parseWebhookSecret(s);
    return r.ok ? 'accepted' : r.error;
  };
  assert.match(err(''), /missing/);
  assert.match(err('whsec_not base64!'), /not valid base64/);
  assert.match(err('whsec_' + Buffer.from('short').toString('base64')), /5 bytes.*24 to 64/);
  assert.throws(() => signWebhook('whsec_???', ID, TS, BODY), /signWebhook: secret/);
  assert.throws(() => signWebhook(SECRET, ID, 1.5, BODY), /whole Unix seconds/);
});

// The published fixture vectors, when the shared data set is present (a user's clone has none).
const VECTORS = '/work/shared/data/platform-fixtures/webhooks-out/10-signing-test-vectors.json';
test('the shared Standard Webhooks fixture vector verifies', { skip: !existsSync(VECTORS) && 'shared data absent' }, () => {
  const v = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
    body_file: string;
    standard_webhooks: { secret_whsec: string; webhook_id: string; webhook_timestamp: string; expected_header: string };
  };
  const body = readFileSync(new URL(v.body_file, `file://${VECTORS}`));
  const sw = v.standard_webhooks;
  assert.equal(signWebhook(sw.secret_whsec, sw.webhook_id, Number(sw.webhook_timestamp), body), sw.expected_header);
  const h = { 'webhook-id': sw.webhook_id, 'webhook-timestamp': sw.webhook_timestamp, 'webhook-signature': sw.expected_header };
  assert.equal(verifyWebhook(sw.secret_whsec, h, body, { now: Number(sw.webhook_timestamp) * 1000 }).ok, true);
});
