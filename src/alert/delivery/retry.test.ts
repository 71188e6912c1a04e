import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryResult } from '../message.ts';
import { backoffMs, MAX_DELAY_LIMIT_MS, nextAttemptAt, RetryPolicySchema, retryDecision, type RetryPolicy } from './retry.ts';

const full: RetryPolicy = { maxAttempts: 6, baseMs: 1_000, maxMs: 10_000, jitter: 'full' };
const equal: RetryPolicy = { ...full, jitter: 'equal' };
const busy: DeliveryResult = { ok: false, retryable: true, status: 503, error: 'HTTP 503' };
const gone: DeliveryResult = { ok: false, retryable: false, status: 404, error: 'HTTP 404: webhook removed' };
const now = 1_700_000_000_000;

test('exponential back-off doubles and is capped (random = max)', () => {
  const top = (): number => 0.999999;
  const delays = [1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, full, top));
  assert.deepEqual(delays, [999, 1999, 3999, 7999, 9999, 9999]);
});

test('full jitter spans [0, cap); equal jitter spans [cap/2, cap)', () => {
  assert.equal(backoffMs(3, full, () => 0), 0);
  assert.equal(backoffMs(3, full, () => 0.5), 2_000);
  assert.equal(backoffMs(3, equal, () => 0), 2_000);
  assert.equal(backoffMs(3, equal, () => 0.5), 3_000);
});

test('deterministic with an injected random: same sequence, same times', () => {
  const seq = (): (() => number) => {
    let s = 42;
    return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  };
  const a = seq();
  const b = seq();
  const ta = [1, 2, 3, 4].map((n) => nextAttemptAt(n, busy, now, full, a));
  const tb = [1, 2, 3, 4].map((n) => nextAttemptAt(n, busy, now, full, b));
  assert.deepEqual(ta, tb);
  for (const t of ta) assert.ok(t !== null && t >= now && t < now + 10_000);
});

test('non-retryable failures dead-letter at once; exhausted attempts dead-letter', () => {
  assert.equal(nextAttemptAt(1, gone, now, full, Math.random), null);
  assert.deepEqual(retryDecision(1, gone, now, full, Math.random), { kind: 'dead-letter', reason: 'permanent failure: HTTP 404: webhook removed' });
  assert.notEqual(nextAttemptAt(5, busy, now, full, Math.random), null);
  assert.equal(nextAttemptAt(6, busy, now, full, Math.random), null);
  assert.deepEqual(retryDecision(6, busy, now, full, Math.random), { kind: 'dead-letter', reason: 'gave up after 6 attempts: HTTP 503' });
  const once: RetryPolicy = { ...full, maxAttempts: 1 };
  assert.equal(nextAttemptAt(1, busy, now, once, Math.random), null);
});

test('success means no further attempt', () => {
  assert.deepEqual(retryDecision(1, { ok: true, status: 200 }, now, full, Math.random), { kind: 'delivered' });
  assert.equal(nextAttemptAt(1, { ok: true }, now, full, Math.random), null);
});

test('Retry-After is honoured, even beyond maxMs, but never beyond one day', () => {
  const limited: DeliveryResult = { ok: false, retryable: true, status: 429, error: 'HTTP 429', retryAfterMs: 30_000 };
  assert.deepEqual(retryDecision(1, limited, now, full, () => 0.5), { kind: 'retry', at: now + 30_000, delayMs: 30_000 });
  // A shorter Retry-After does not shorten the back-off.
  const short: DeliveryResult = { ...limited, retryAfterMs: 10 };
  assert.equal(nextAttemptAt(4, short, now, full, () => 0.5), now + 4_000);
  const huge: DeliveryResult = { ...limited, retryAfterMs: 10 * MAX_DELAY_LIMIT_MS };
  assert.equal(nextAttemptAt(1, huge, now, full, () => 0.5), now + MAX_DELAY_LIMIT_MS);
});

test('bad arguments are refused with a clear error', () => {
  assert.throws(() => nextAttemptAt(0, busy, now, full, Math.random), /attempt must be a whole number ≥ 1/);
  assert.throws(() => backoffMs(1, full, () => 1), /random\(\) must return a number in \[0, 1\)/);
  assert.throws(() => backoffMs(1, full, () => Number.NaN), /random\(\)/);
});

test('policy schema: every problem named by field', () => {
  const ok = RetryPolicySchema.safeParse({ maxAttempts: 5, baseMs: 500, maxMs: 30_000, jitter: 'equal' });
  assert.ok(ok.success);
  const bad = RetryPolicySchema.safeParse({ maxAttempts: 0, baseMs: 1.5, maxMs: 60_000, jitter: 'none', extra: 1 });
  assert.ok(!bad.success);
  const paths = bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  assert.ok(paths.some((p) => p.startsWith('maxAttempts: must be at least 1')), paths.join('\n'));
  assert.ok(paths.some((p) => p.startsWith('baseMs: must be a whole number')), paths.join('\n'));
  assert.ok(paths.some((p) => p.startsWith('jitter: must be full or equal')), paths.join('\n'));
  const inverted = RetryPolicySchema.safeParse({ maxAttempts: 3, baseMs: 5_000, maxMs: 1_000, jitter: 'full' });
  assert.ok(!inverted.success);
  assert.deepEqual(inverted.error.issues.map((i) => [i.path.join('.'), i.message]), [['maxMs', 'must be at least baseMs']]);
});
