import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelRateLimiter, RateLimiter, targetKey } from './rate-limit.ts';

const t0 = 1_700_000_000_000;

test('a bucket lets `limit` through, then delays (never drops) with the time a token is back', () => {
  const rl = new RateLimiter({ limit: 3, windowMs: 3_000 });
  assert.deepEqual([rl.take('k', t0), rl.take('k', t0), rl.take('k', t0)], [{ ok: true }, { ok: true }, { ok: true }]);
  assert.deepEqual(rl.take('k', t0), { ok: false, retryAt: t0 + 1_000 });
  // A refused take consumes nothing: asking again changes nothing.
  assert.deepEqual(rl.take('k', t0 + 500), { ok: false, retryAt: t0 + 1_000 });
  assert.deepEqual(rl.take('k', t0 + 1_000), { ok: true });
  assert.deepEqual(rl.take('k', t0 + 1_000), { ok: false, retryAt: t0 + 2_000 });
});

test('keys are independent', () => {
  const rl = new RateLimiter({ limit: 1, windowMs: 60_000 });
  assert.deepEqual(rl.take('a', t0), { ok: true });
  assert.deepEqual(rl.take('b', t0), { ok: true });
  assert.deepEqual(rl.take('a', t0), { ok: false, retryAt: t0 + 60_000 });
});

test('a delayed page that comes back at retryAt goes through: every page of a storm is eventually sent, in bounded time', () => {
  const rl = new RateLimiter({ limit: 2, windowMs: 1_000 });
  // 10 pages at once; each retries exactly at the time it was given.
  const queue = Array.from({ length: 10 }, (_, i) => ({ id: i, at: t0 }));
  const sent: [number, number][] = [];
  for (let guard = 0; queue.length > 0 && guard < 1_000; guard++) {
    queue.sort((a, b) => a.at - b.at || a.id - b.id);
    const page = queue.shift()!;
    const r = rl.take('slack:hook', page.at);
    if (r.ok) sent.push([page.id, page.at - t0]);
    else queue.push({ id: page.id, at: r.retryAt });
  }
  assert.equal(sent.length, 10);
  assert.deepEqual(sent.map(([, dt]) => dt), [0, 0, 500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000]);
});

test('a clock going backwards refills nothing', () => {
  const rl = new RateLimiter({ limit: 1, windowMs: 1_000 });
  assert.deepEqual(rl.take('k', t0), { ok: true });
  assert.equal(rl.take('k', t0 - 5_000).ok, false);
  assert.equal(rl.take('k', t0 + 999).ok, false);
  assert.equal(rl.take('k', t0 + 1_000).ok, true);
});

test('full buckets are pruned', () => {
  const rl = new RateLimiter({ limit: 1, windowMs: 1_000 });
  for (let i = 0; i < 5; i++) rl.take(`k${i}`, t0);
  assert.equal(rl.size, 5);
  rl.prune(t0 + 999);
  assert.equal(rl.size, 5);
  rl.prune(t0 + 1_000);
  assert.equal(rl.size, 0);
});

test('bad limits and times are refused with a clear error', () => {
  assert.throws(() => new RateLimiter({ limit: 0, windowMs: 1_000 }), /limit must be at least 1/);
  assert.throws(() => new RateLimiter({ limit: 1, windowMs: 0.5 }), /windowMs must be a whole number/);
  assert.throws(() => new RateLimiter({ limit: 1, windowMs: 10 }).take('k', Number.NaN), /now must be an epoch time/);
  assert.throws(() => new ChannelRateLimiter({ slack: { perTarget: { limit: -1, windowMs: 1 } } }), /slack\.perTarget\.limit: must be at least 1/);
  // @ts-expect-error: an unknown channel kind is refused at run time too
  assert.throws(() => new ChannelRateLimiter({ fax: { perTarget: { limit: 1, windowMs: 1 } } }), /fax/);
});

test('per channel and per target: both must allow, a refusal consumes neither', () => {
  const rl = new ChannelRateLimiter({ sms: { perChannel: { limit: 2, windowMs: 1_000 }, perTarget: { limit: 1, windowMs: 60_000 } } });
  const ana = targetKey('sms', { to: '+33600000001' });
  const bob = targetKey('sms', { to: '+33600000002' });
  const cyd = targetKey('sms', { to: '+33600000003' });
  assert.deepEqual(rl.take('sms', ana, t0), { ok: true });
  // Ana's own bucket is empty for a minute.
  assert.deepEqual(rl.take('sms', ana, t0), { ok: false, retryAt: t0 + 60_000 });
  assert.deepEqual(rl.take('sms', bob, t0), { ok: true });
  // The channel's bucket is empty now: Cyd waits for it (her own bucket was not touched).
  assert.deepEqual(rl.take('sms', cyd, t0), { ok: false, retryAt: t0 + 500 });
  assert.deepEqual(rl.take('sms', cyd, t0 + 500), { ok: true });
  // A kind without limits always passes.
  for (let i = 0; i < 100; i++) assert.equal(rl.take('email', 'email:x@example.com', t0).ok, true);
});

test('target keys: address case-insensitive, webhook secret left out', () => {
  assert.equal(targetKey('email', { to: 'Ana@Example.com' }), 'email:ana@example.com');
  assert.equal(targetKey('webhook', { url: 'https://example.com/h', secret: 'whsec_x' } as { url: string }), 'webhook:https://example.com/h');
});
