/** Tests of HTTP outcome classification and Retry-After parsing, plus the SMS body limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertMessage } from '../../message.ts';
import { renderSms, SMS_MAX_CHARS } from './body.ts';
import { classifyFetchError, classifyHttpFailure, parseRetryAfter } from './http-result.ts';

describe('http results', () => {
  it('parses Retry-After as seconds or an HTTP date, ignoring junk', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('30', now), 30_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now), 0);
    for (const junk of [null, '', '-5', '1.5', 'soon', '2026-01-01']) assert.equal(parseRetryAfter(junk, now), undefined, String(junk));
  });

  it('retries 408, 429 and 5xx; dead-letters other 4xx', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) assert.equal(classifyHttpFailure(s, null, 'x').retryable, true, String(s));
    for (const s of [400, 401, 403, 404, 413, 422]) assert.equal(classifyHttpFailure(s, '10', 'x').retryable, false, String(s));
    assert.equal(classifyHttpFailure(400, '10', 'x').retryAfterMs, undefined);
    assert.equal(classifyHttpFailure(429, '10', 'x').retryAfterMs, 10_000);
    assert.ok(classifyHttpFailure(500, null, 'y'.repeat(2000)).error.length < 520);
  });

  it('classifies fetch errors: timeout and network retryable, TLS permanent', () => {
    assert.equal(classifyFetchError(new Error('aborted'), { timedOut: true, timeoutMs: 10 }).error, 'HTTP timeout: no answer within 10 ms');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
    assert.equal(classifyFetchError(refused, { timedOut: false, timeoutMs: 10 }).retryable, true);
    const cert = Object.assign(new TypeError('fetch failed'), { cause: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' } });
    const r = classifyFetchError(cert, { timedOut: false, timeoutMs: 10 });
    assert.equal(r.retryable, false);
    assert.match(r.error, /TLS error \(CERT_HAS_EXPIRED\)/);
  });
});

describe('renderSms', () => {
  const base: AlertMessage = {
    alertId: 'a', deliveryId: 'd', workspaceId: 'w', brand: { id: 'b', name: 'Brand\nName' }, severity: 'SEV3', kind: 'volume',
    title: 'Title', why: [], samples: [], url: 'https://v.example/a', ackUrl: 'https://v.example/k', startedAt: 0,
    urgency: 'normal', drill: false, lang: 'en',
  };
  it('writes one line and fits any title within the limit', () => {
    assert.deepEqual(renderSms(base), { ok: true, body: 'SEV3 Medium | Brand Name: Title | Acknowledge: https://v.example/k' });
    for (let n = 0; n < 1000; n += 37) {
      const r = renderSms({ ...base, title: 'é'.repeat(n), drill: n % 2 === 0, lang: n % 3 === 0 ? 'fr' : 'en' });
      assert.ok(r.ok && r.body.length <= SMS_MAX_CHARS, `n=${n}`);
    }
  });
});
