import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff, backoffDelay } from './backoff.ts';

const seq = (b: Backoff, kind: 'network' | 'http' | 'rate-limit', n: number): number[] => Array.from({ length: n }, () => b.next(kind, 0));

test('the documented schedules, exactly', () => {
  assert.deepEqual(seq(new Backoff(), 'network', 9), [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  assert.deepEqual(seq(new Backoff(), 'http', 9), [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  assert.deepEqual(seq(new Backoff(), 'rate-limit', 7), [60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  assert.equal(backoffDelay('network', 1_000), 60_000, 'no overflow on long outages');
});

test('kinds count separately, a healthy connection resets them, a 429 waits for its reset', () => {
  const b = new Backoff();
  assert.deepEqual([b.next('network', 0), b.next('http', 0), b.next('network', 0), b.next('http', 0)], [1_000, 5_000, 2_000, 10_000]);
  b.reset();
  assert.equal(b.next('network', 0), 1_000);
  assert.equal(b.next('rate-limit', 10_000, 55_000), 45_000, 'until X-RateLimit-Reset');
  assert.equal(b.next('rate-limit', 10_000, 10_200), 1_000, 'at least 1 s');
  assert.equal(b.next('rate-limit', 0, 10 * 3_600_000), 3_600_000, 'at most 1 h');
  assert.equal(b.next('rate-limit', 10_000, 5_000), 480_000, 'a reset in the past: the schedule (4th 429)');
});
