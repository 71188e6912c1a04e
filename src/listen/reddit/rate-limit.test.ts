import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RATE_LIMIT_WAIT_MS, rateLimitWait, readRedditRateLimit, retryAfterMs } from './rate-limit.ts';

const headers = (h: Record<string, string>) => new Headers(h);

test('x-ratelimit-used/remaining/reset: remaining may be a float, reset is seconds from now', () => {
  assert.deepEqual(readRedditRateLimit(headers({ 'x-ratelimit-used': '14', 'x-ratelimit-remaining': '986.0', 'x-ratelimit-reset': '412' }), 1000), {
    limit: 1000,
    remaining: 986,
    resetAt: 1000 + 412_000,
  });
  assert.deepEqual(readRedditRateLimit(headers({ 'x-ratelimit-remaining': '3.7' }), 0), { limit: null, remaining: 3, resetAt: null });
  assert.equal(readRedditRateLimit(headers({ 'x-ratelimit-used': 'lots', 'x-ratelimit-reset': '-5' }), 0), null);
  assert.equal(readRedditRateLimit(headers({}), 0), null);
  assert.equal(retryAfterMs(headers({ 'retry-after': '30' })), 30_000);
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })), null);
});

test('wait for the reset only at or below the reserve, never longer than 15 min', () => {
  assert.equal(rateLimitWait({ limit: 600, remaining: 6, resetAt: 50_000 }, 5, 0), 0);
  assert.equal(rateLimitWait({ limit: 600, remaining: 5, resetAt: 50_000 }, 5, 0), 50_000);
  assert.equal(rateLimitWait({ limit: 600, remaining: 0, resetAt: 50_000 }, 5, 60_000), 0, 'the reset has passed');
  assert.equal(rateLimitWait({ limit: 600, remaining: 0, resetAt: 10 * 3_600_000 }, 0, 0), MAX_RATE_LIMIT_WAIT_MS);
  assert.equal(rateLimitWait(null, 5, 0), 0);
});
